package org.coordo.server.data.coordination;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.coordination.JoinRequest;
import org.coordo.server.domain.coordination.MembershipRequest;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Membership of the national coordination (layouts in {@link CoordinationKeyspaces}): the requests a
 * national node received, the Joins a city node sent. Synchronous: call it on a worker thread.
 */
public final class CoordinationRepository {
  /** At most this many requests are listed (a coordination has tens of cities, not thousands). */
  public static final int LIST_LIMIT = 2000;

  private final KvStore store;
  private final Keyspace requests;
  private final Keyspace joins;

  public CoordinationRepository(KvStore store) {
    this.store = store;
    this.requests = store.keyspace(CoordinationKeyspaces.REQUESTS);
    this.joins = store.keyspace(CoordinationKeyspaces.JOINS);
  }

  // --- national node

  public Optional<MembershipRequest> findRequest(URI actor) {
    return requests.find(Keys.utf8(actor.toString())).map(CoordinationRepository::decodeRequest);
  }

  public List<MembershipRequest> requests() {
    List<MembershipRequest> out = new ArrayList<>();
    try (KvIterator it = requests.scan(null, null, false)) {
      while (it.hasNext() && out.size() < LIST_LIMIT) {
        KvEntry e = it.next();
        out.add(decodeRequest(e.value()));
      }
    }
    return out;
  }

  public void putRequest(MembershipRequest r) {
    requests.put(Keys.utf8(r.actor().toString()), encode(r));
  }

  /** Adds the request to a batch (written with the Accept or Reject that answers it). */
  public void putRequest(KvBatch batch, MembershipRequest r) {
    batch.put(requests, Keys.utf8(r.actor().toString()), encode(r));
  }

  // --- city node

  public Optional<JoinRequest> findJoin(String collective) {
    return joins.find(Keys.utf8(collective)).map(CoordinationRepository::decodeJoin);
  }

  /** The Join {@code joinId} sent to {@code national}, whichever collective sent it. */
  public Optional<JoinRequest> findJoinById(String joinId, URI national) {
    try (KvIterator it = joins.scan(null, null, false)) {
      while (it.hasNext()) {
        JoinRequest j = decodeJoin(it.next().value());
        if (j.joinId().equals(joinId) && j.national().equals(national)) {
          return Optional.of(j);
        }
      }
    }
    return Optional.empty();
  }

  /** Adds the Join record to a batch (written with the Join activity itself). */
  public void putJoin(KvBatch batch, JoinRequest j) {
    batch.put(joins, Keys.utf8(j.collective()), encode(j));
  }

  public void putJoin(JoinRequest j) {
    try (KvBatch batch = store.newBatch()) {
      putJoin(batch, j);
      store.write(batch, Durability.SYNC);
    }
  }

  // --- codecs

  private static byte[] encode(MembershipRequest r) {
    return new JsonObject().put("actor", r.actor().toString()).put("name", r.name())
        .put("displayName", r.displayName()).put("handle", r.handle()).put("url", r.url()).put("join", r.join())
        .put("state", r.state().name()).put("requestedAt", r.requestedAt().toString())
        .put("decidedAt", r.decidedAt() == null ? null : r.decidedAt().toString())
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  private static MembershipRequest decodeRequest(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return new MembershipRequest(URI.create(j.getString("actor")), j.getString("name"), j.getString("displayName"),
        j.getString("handle"), j.getString("url"), j.getJsonObject("join"),
        MembershipRequest.State.valueOf(j.getString("state")), Instant.parse(j.getString("requestedAt")),
        j.getString("decidedAt") == null ? null : Instant.parse(j.getString("decidedAt")));
  }

  private static byte[] encode(JoinRequest r) {
    return new JsonObject().put("collective", r.collective()).put("national", r.national().toString())
        .put("nationalHandle", r.nationalHandle()).put("joinId", r.joinId()).put("state", r.state().name())
        .put("sentAt", r.sentAt().toString()).put("answeredAt", r.answeredAt() == null ? null : r.answeredAt().toString())
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  private static JoinRequest decodeJoin(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return new JoinRequest(j.getString("collective"), URI.create(j.getString("national")), j.getString("nationalHandle"),
        j.getString("joinId"), JoinRequest.State.valueOf(j.getString("state")), Instant.parse(j.getString("sentAt")),
        j.getString("answeredAt") == null ? null : Instant.parse(j.getString("answeredAt")));
  }
}
