package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.account.ApiToken;
import org.coordo.server.domain.account.Session;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Table;

/**
 * Sessions and API tokens, keyed by the SHA-256 of their secret, plus a per-user index so that all
 * of a user's sessions can be revoked (password change) and their tokens listed (layouts in {@link
 * AccountKeyspaces}). Synchronous: call from a worker.
 */
public final class CredentialRepository {
  private static final byte SESSION = 's';
  private static final byte TOKEN = 't';

  private static final JsonCodec<Session> SESSION_CODEC = new JsonCodec<>(
      s -> new JsonObject()
          .put("userId", s.userId())
          .put("created", JsonCodec.millis(s.created()))
          .put("lastSeen", JsonCodec.millis(s.lastSeen()))
          .put("expires", JsonCodec.millis(s.expires())),
      j -> new Session(
          j.getString("userId"),
          JsonCodec.instant(j, "created"),
          JsonCodec.instant(j, "lastSeen"),
          JsonCodec.instant(j, "expires")));

  private static final JsonCodec<ApiToken> TOKEN_CODEC = new JsonCodec<>(
      t -> new JsonObject()
          .put("id", t.id())
          .put("userId", t.userId())
          .put("label", t.label())
          .put("created", JsonCodec.millis(t.created())),
      j -> new ApiToken(
          j.getString("id"), j.getString("userId"), j.getString("label"), JsonCodec.instant(j, "created")));

  /** A token of a user as the index holds it. */
  public record TokenEntry(byte[] hash, ApiToken token) {}

  private final Table<byte[], Session> sessions;
  private final Table<byte[], ApiToken> tokens;
  private final Table<byte[], String> byUser;

  public CredentialRepository(KvStore store) {
    this.sessions = new Table<>(store.keyspace(AccountKeyspaces.SESSIONS), Codecs.bytes(), SESSION_CODEC);
    this.tokens = new Table<>(store.keyspace(AccountKeyspaces.TOKENS), Codecs.bytes(), TOKEN_CODEC);
    this.byUser = new Table<>(store.keyspace(AccountKeyspaces.USER_CREDENTIALS), Codecs.bytes(), Codecs.utf8());
  }

  public Optional<Session> findSession(byte[] hash) {
    return sessions.find(hash);
  }

  public void putSession(KvBatch batch, byte[] hash, Session session) {
    sessions.put(batch, hash, session);
    byUser.put(batch, indexKey(session.userId(), SESSION, hash), "");
  }

  /** Updates a session's record only (its index entry does not change). */
  public void touchSession(KvBatch batch, byte[] hash, Session session) {
    sessions.put(batch, hash, session);
  }

  public void deleteSession(KvBatch batch, String userId, byte[] hash) {
    sessions.delete(batch, hash);
    byUser.delete(batch, indexKey(userId, SESSION, hash));
  }

  /** The hashes of every session of the user. */
  public List<byte[]> sessionHashes(String userId) {
    return hashes(userId, SESSION);
  }

  public Optional<ApiToken> findToken(byte[] hash) {
    return tokens.find(hash);
  }

  public void putToken(KvBatch batch, byte[] hash, ApiToken token) {
    tokens.put(batch, hash, token);
    byUser.put(batch, indexKey(token.userId(), TOKEN, hash), token.id());
  }

  public void deleteToken(KvBatch batch, String userId, byte[] hash) {
    tokens.delete(batch, hash);
    byUser.delete(batch, indexKey(userId, TOKEN, hash));
  }

  /** Every API token of the user (with the hash that keys it). */
  public List<TokenEntry> tokensOf(String userId) {
    List<TokenEntry> out = new ArrayList<>();
    for (byte[] hash : hashes(userId, TOKEN)) {
      tokens.find(hash).ifPresent(t -> out.add(new TokenEntry(hash, t)));
    }
    return out;
  }

  private List<byte[]> hashes(String userId, byte kind) {
    byte[] prefix = Keys.concat(Keys.utf8z(userId), new byte[] {kind});
    List<byte[]> out = new ArrayList<>();
    for (Table.Entry<byte[], String> e : byUser.scanPrefix(prefix, Integer.MAX_VALUE, false)) {
      out.add(Keys.dropPrefix(e.key(), prefix.length));
    }
    return out;
  }

  private static byte[] indexKey(String userId, byte kind, byte[] hash) {
    return Keys.concat(Keys.utf8z(userId), new byte[] {kind}, hash);
  }
}
