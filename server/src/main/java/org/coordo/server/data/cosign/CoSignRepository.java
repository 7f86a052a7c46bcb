package org.coordo.server.data.cosign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Co-signed calls on disk.
 *
 * <p>Keyspace {@value CoSignKeyspaces#CALLS}: {@code utf8(call URI)} → JSON {@link CallRecord}.
 *
 * <p>Keyspace {@value CoSignKeyspaces#INDEX}, layouts told apart by their first byte:
 * <ul>
 *   <li>{@code 'S' ‖ utf8(collection URI)} → {@code utf8(call URI)}: which call a signatories
 *       collection belongs to;
 *   <li>{@code 'V' ‖ utf8(Invite id)} → {@code utf8(call URI)}: the call an Invite we sent is about;
 *   <li>{@code 'I' ‖ utf8z(collective) ‖ utf8(invitation id)} → JSON {@link ReceivedInvitation};
 *   <li>{@code 'A' ‖ utf8z(Invite id) ‖ utf8(collective)} → {@code utf8(invitation id)};
 *   <li>{@code 'C' ‖ utf8z(collective) ‖ utf8(call URI)} → {@code utf8(invitation id)}: the latest
 *       invitation of a collective for a call.
 * </ul>
 *
 * <p>Read-modify-write: callers serialise writes (the co-signing service's lock). Synchronous.
 */
public final class CoSignRepository {
  private final Keyspace calls;
  private final Keyspace index;

  public CoSignRepository(KvStore store) {
    this.calls = store.keyspace(CoSignKeyspaces.CALLS);
    this.index = store.keyspace(CoSignKeyspaces.INDEX);
  }

  public Optional<CallRecord> findCall(String call) {
    return calls.find(Keys.utf8(call)).map(CoSignCodec::decodeCall);
  }

  public Optional<CallRecord> findByCollection(String collection) {
    return index.find(key('S', collection)).map(b -> Keys.readUtf8(b, 0)).flatMap(this::findCall);
  }

  public Optional<CallRecord> findBySentInvite(String inviteActivity) {
    return index.find(key('V', inviteActivity)).map(b -> Keys.readUtf8(b, 0)).flatMap(this::findCall);
  }

  public void putCall(KvBatch batch, CallRecord r) {
    batch.put(calls, Keys.utf8(r.call()), CoSignCodec.encode(r));
    batch.put(index, key('S', r.collection()), Keys.utf8(r.call()));
    r.invited().forEach(i -> batch.put(index, key('V', i.inviteActivity()), Keys.utf8(r.call())));
  }

  public Optional<ReceivedInvitation> findInvitation(String collective, String id) {
    return index.find(Keys.concat(new byte[] {'I'}, Keys.utf8z(collective), Keys.utf8(id)))
        .map(CoSignCodec::decodeInvitation);
  }

  /** The invitations received for an Invite (one per invited local collective). */
  public List<ReceivedInvitation> findByInvite(String inviteActivity) {
    List<ReceivedInvitation> out = new ArrayList<>();
    byte[] prefix = Keys.concat(new byte[] {'A'}, Keys.utf8z(inviteActivity));
    try (KvIterator it = index.scanPrefix(prefix, false)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        String collective = Keys.readUtf8(Keys.dropPrefix(e.key(), prefix.length), 0);
        findInvitation(collective, Keys.readUtf8(e.value(), 0)).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The collective's latest invitation for a call. */
  public Optional<ReceivedInvitation> findByCall(String collective, String call) {
    return index.find(Keys.concat(new byte[] {'C'}, Keys.utf8z(collective), Keys.utf8(call)))
        .flatMap(id -> findInvitation(collective, Keys.readUtf8(id, 0)));
  }

  /** Every invitation the collective received, newest first, at most {@code limit}. */
  public List<ReceivedInvitation> invitations(String collective, int limit) {
    List<ReceivedInvitation> out = new ArrayList<>();
    try (KvIterator it = index.scanPrefix(Keys.concat(new byte[] {'I'}, Keys.utf8z(collective)), true)) {
      while (it.hasNext() && out.size() < limit) {
        out.add(CoSignCodec.decodeInvitation(it.next().value()));
      }
    }
    out.sort(Comparator.comparing((ReceivedInvitation r) -> r.invitation().receivedAt()).reversed());
    return out;
  }

  public void putInvitation(KvBatch batch, ReceivedInvitation r) {
    var i = r.invitation();
    batch.put(index, Keys.concat(new byte[] {'I'}, Keys.utf8z(i.collective()), Keys.utf8(i.id())), CoSignCodec.encode(r));
    batch.put(index, Keys.concat(new byte[] {'A'}, Keys.utf8z(i.inviteActivity()), Keys.utf8(i.collective())),
        Keys.utf8(i.id()));
    batch.put(index, Keys.concat(new byte[] {'C'}, Keys.utf8z(i.collective()), Keys.utf8(i.call())), Keys.utf8(i.id()));
  }

  private static byte[] key(char kind, String text) {
    return Keys.concat(new byte[] {(byte) kind}, Keys.utf8(text));
  }
}
