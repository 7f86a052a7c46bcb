package org.coordo.federation.host;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.sig.SignatureKnock;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node learned about each remote server ({@link HostProfile}): the signature scheme it verifies and the
 * software it runs. Durable, so that a restart forgets neither, and kept in memory (one small record per host
 * this node talks to), so that a delivery reads no disk for it.
 *
 * <p>Key layout, keyspace {@value FederationKeyspaces#HOST_PROFILES}: {@code utf8(host[:port])} (see {@link Hosts})
 * → UTF-8 JSON as {@link HostProfile#toJson()} writes it. Unknown fields are ignored.
 *
 * <p>{@link #load()} and {@link #update} write or read the store: call them from a worker; {@link #find} and
 * {@link #remembered} read memory only.
 */
public final class HostProfiles implements SignatureKnock.Memory {
  private static final Logger LOG = LoggerFactory.getLogger(HostProfiles.class);

  private final Keyspace keyspace;
  private final WorkerExecutor worker;
  private final Map<String, HostProfile> profiles = new ConcurrentHashMap<>();

  public HostProfiles(KvStore store, WorkerExecutor worker) {
    this.keyspace = store.keyspace(FederationKeyspaces.HOST_PROFILES);
    this.worker = Objects.requireNonNull(worker, "worker");
  }

  /** Reads every profile into memory (blocking; {@code Federation.start} runs it on the worker). */
  public void load() {
    try (KvIterator it = keyspace.scan(null, null, false)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        String host = new String(e.key(), StandardCharsets.UTF_8);
        try {
          profiles.put(host, HostProfile.fromJson(new JsonObject(Buffer.buffer(e.value()))));
        } catch (RuntimeException bad) {
          LOG.warn("host profile of {} is unreadable; forgotten", host);
        }
      }
    }
  }

  public Optional<HostProfile> find(String host) {
    return Optional.ofNullable(profiles.get(host));
  }

  /**
   * Changes a host's profile and writes it (blocking); nothing is written when it does not change. Serialized, so
   * that a software lookup and a remembered knock of the same host never overwrite each other (writes are rare).
   */
  public synchronized HostProfile update(String host, UnaryOperator<HostProfile> change) {
    HostProfile before = profiles.getOrDefault(host, HostProfile.EMPTY);
    HostProfile after = change.apply(before);
    if (!after.equals(before)) {
      keyspace.put(Keys.utf8(host), after.toJson().toBuffer().getBytes());
      profiles.put(host, after);
    }
    return after;
  }

  @Override
  public Optional<SignatureKnock.Knock> remembered(URI target) {
    return find(Hosts.of(target)).map(HostProfile::knock);
  }

  @Override
  public Future<Void> remember(URI target, SignatureKnock.Knock knock) {
    String host = Hosts.of(target);
    if (knock.equals(remembered(target).orElse(null))) {
      return Future.succeededFuture();
    }
    return worker.executeBlocking(() -> {
      update(host, p -> p.withKnock(knock));
      return null;
    }, false);
  }
}
