package org.coordo.server.data.mail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Email subscriptions and their indexes (layouts in {@link SubscriptionKeyspaces}). Store code:
 * synchronous, run on the storage worker.
 */
public final class SubscriptionRepository {
  private static final byte[] LINK_SECRET = Keys.utf8("link-secret");

  /** A confirmation token as stored (by the SHA-256 of its text). */
  public record Token(String id, Instant expires, Instant used) {}

  private final KvStore store;
  private final Keyspace subs;
  private final Keyspace confirmed;
  private final Keyspace addresses;
  private final Keyspace tokens;

  public SubscriptionRepository(KvStore store) {
    this.store = store;
    this.subs = store.keyspace(SubscriptionKeyspaces.SUBSCRIPTIONS);
    this.confirmed = store.keyspace(SubscriptionKeyspaces.CONFIRMED);
    this.addresses = store.keyspace(SubscriptionKeyspaces.ADDRESSES);
    this.tokens = store.keyspace(SubscriptionKeyspaces.TOKENS);
  }

  public Optional<Subscription> find(String id) {
    return subs.find(Keys.utf8(id)).map(SubscriptionRepository::decode);
  }

  public Optional<Subscription> findByAddress(String scope, String email) {
    return addresses.find(Keys.concat(Keys.utf8z(scope), Keys.utf8(email)))
        .flatMap(id -> find(new String(id, StandardCharsets.UTF_8)));
  }

  /**
   * Writes {@code sub} (new or changed from {@code previous}, null when new) with its indexes and,
   * when given, a confirmation token; a token {@code previous} had and {@code sub} no longer has is
   * deleted in the same batch.
   */
  public void put(Subscription sub, Subscription previous, byte[] tokenHash, Token token) {
    try (KvBatch batch = store.newBatch()) {
      if (previous != null && previous.confirmHash() != null && !previous.confirmHash().equals(sub.confirmHash())) {
        batch.delete(tokens, java.util.HexFormat.of().parseHex(previous.confirmHash()));
      }
      batch.put(subs, Keys.utf8(sub.id()), encode(sub));
      batch.put(addresses, addressKey(sub), Keys.utf8(sub.id()));
      if (sub.isConfirmed()) {
        batch.put(confirmed, confirmedKey(sub.scope(), sub.id()), Keys.empty());
      }
      if (tokenHash != null) {
        batch.put(tokens, tokenHash, encode(token));
      }
      store.write(batch, Durability.SYNC);
    }
  }

  /** Deletes a subscription, its indexes and its confirmation token: nothing of the address is left. */
  public void delete(Subscription sub) {
    try (KvBatch batch = store.newBatch()) {
      batch.delete(subs, Keys.utf8(sub.id()));
      batch.delete(addresses, addressKey(sub));
      batch.delete(confirmed, confirmedKey(sub.scope(), sub.id()));
      if (sub.confirmHash() != null) {
        batch.delete(tokens, java.util.HexFormat.of().parseHex(sub.confirmHash()));
      }
      store.write(batch, Durability.SYNC);
    }
  }

  public Optional<Token> findToken(byte[] hash) {
    return tokens.find(hash).filter(v -> hash.length == 32).map(SubscriptionRepository::decodeToken);
  }

  /** Confirmed subscriptions of {@code scope} after {@code afterId} (null: from the first), in id order. */
  public List<Subscription> confirmed(String scope, String afterId, int limit) {
    byte[] prefix = Keys.utf8z(scope);
    byte[] from = afterId == null ? prefix : Keys.successor(Keys.concat(prefix, Keys.utf8(afterId)));
    List<Subscription> out = new ArrayList<>();
    try (KvIterator it = confirmed.scan(from, Keys.prefixEnd(prefix), false)) {
      while (out.size() < limit && it.hasNext()) {
        KvEntry e = it.next();
        find(Keys.readUtf8(e.key(), prefix.length)).filter(Subscription::isConfirmed).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Every subscription of {@code scope} (pending too), in address order, after {@code afterEmail}. */
  public List<Subscription> byAddress(String scope, String afterEmail, int limit) {
    byte[] prefix = Keys.utf8z(scope);
    byte[] from = afterEmail == null ? prefix : Keys.successor(Keys.concat(prefix, Keys.utf8(afterEmail)));
    List<Subscription> out = new ArrayList<>();
    try (KvIterator it = addresses.scan(from, Keys.prefixEnd(prefix), false)) {
      while (out.size() < limit && it.hasNext()) {
        find(new String(it.next().value(), StandardCharsets.UTF_8)).ifPresent(out::add);
      }
    }
    return out;
  }

  /** How many confirmed subscribers {@code scope} has (walks its index range). */
  public long countConfirmed(String scope) {
    return confirmed.count(Keys.utf8z(scope));
  }

  /** The scopes that have at least one subscription (pending too), sorted. */
  public Set<String> scopes() {
    Set<String> out = new TreeSet<>();
    byte[] from = null;
    while (true) {
      try (KvIterator it = addresses.scan(from, null, false)) {
        if (!it.hasNext()) {
          return out;
        }
        byte[] key = it.next().key();
        String scope = Keys.readUtf8(key, 0);
        out.add(scope);
        from = Keys.prefixEnd(Keys.utf8z(scope));
      }
    }
  }

  /**
   * Deletes confirmation tokens that expired before {@code now} and the pending subscriptions they
   * were the last chance of. Walks the tokens only (a few days of them).
   */
  public int purgeExpired(Instant now) {
    int purged = 0;
    List<byte[]> stale = new ArrayList<>();
    try (KvIterator it = tokens.scan(null, null, false)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        if (e.key().length == 32 && decodeToken(e.value()).expires().isBefore(now)) {
          stale.add(e.key());
        }
      }
    }
    for (byte[] hash : stale) {
      Token token = findToken(hash).orElse(null);
      if (token == null) {
        continue;
      }
      Optional<Subscription> sub = find(token.id());
      String hex = java.util.HexFormat.of().formatHex(hash);
      if (sub.isPresent() && !sub.get().isConfirmed() && hex.equals(sub.get().confirmHash())) {
        delete(sub.get());
        purged++;
      } else {
        tokens.delete(hash);
      }
    }
    return purged;
  }

  /** The node's key for manage and unsubscribe links, made on first use. */
  public byte[] linkSecret() {
    synchronized (this) {
      Optional<byte[]> known = tokens.find(LINK_SECRET);
      if (known.isPresent()) {
        return known.get();
      }
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      // Two processes starting together on one database keep the same secret: the first one written.
      return tokens.putIfAbsent(LINK_SECRET, secret) ? secret : tokens.find(LINK_SECRET).orElseThrow();
    }
  }

  private static byte[] confirmedKey(String scope, String id) {
    return Keys.concat(Keys.utf8z(scope), Keys.utf8(id));
  }

  private static byte[] addressKey(Subscription sub) {
    return Keys.concat(Keys.utf8z(sub.scope()), Keys.utf8(sub.email()));
  }

  static byte[] encode(Subscription s) {
    JsonObject j = new JsonObject()
        .put("id", s.id())
        .put("email", s.email())
        .put("scope", s.scope())
        .put("locale", s.locale())
        .put("frequency", s.frequency().name())
        .put("eventsOnly", s.eventsOnly())
        .put("cities", new JsonArray(new ArrayList<>(new TreeSet<>(s.cities()))))
        .put("state", s.state().name())
        .put("created", s.created().toEpochMilli())
        .put("confirmed", s.confirmed() == null ? null : s.confirmed().toEpochMilli())
        .put("confirmHash", s.confirmHash());
    return j.toBuffer().getBytes();
  }

  static Subscription decode(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    Set<String> cities = new HashSet<>();
    j.getJsonArray("cities", new JsonArray()).forEach(c -> cities.add((String) c));
    Long confirmedAt = j.getLong("confirmed");
    return new Subscription(j.getString("id"), j.getString("email"), j.getString("scope"), j.getString("locale"),
        MailFrequency.valueOf(j.getString("frequency")), j.getBoolean("eventsOnly", false), cities,
        Subscription.State.valueOf(j.getString("state")), Instant.ofEpochMilli(j.getLong("created")),
        confirmedAt == null ? null : Instant.ofEpochMilli(confirmedAt), j.getString("confirmHash"));
  }

  private static byte[] encode(Token t) {
    return new JsonObject().put("id", t.id()).put("expires", t.expires().toEpochMilli())
        .put("used", t.used() == null ? null : t.used().toEpochMilli()).toBuffer().getBytes();
  }

  private static Token decodeToken(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    Long used = j.getLong("used");
    return new Token(j.getString("id"), Instant.ofEpochMilli(j.getLong("expires")),
        used == null ? null : Instant.ofEpochMilli(used));
  }
}
