package org.coordo.server.service.publication;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.coordo.server.auth.Principal;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.publication.MemberCalendarRepository;
import org.coordo.server.service.account.SecretTokens;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;

/**
 * Members' private calendar links (issue 16): one secret, revocable URL per member (per user, not
 * per collective: one subscription shows the events of every collective the member belongs to, read
 * at each fetch, so leaving a collective takes its events out at once). The secret is shown once
 * when made; only its hash is stored; renewing revokes the previous link.
 */
public final class MemberCalendars {
  private final StoreCalls storage;
  private final MemberCalendarRepository links;
  private final SecretTokens tokens;
  private final Clock clock;

  public MemberCalendars(StoreCalls storage, MemberCalendarRepository links, SecretTokens tokens, Clock clock) {
    this.storage = storage;
    this.links = links;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A new secret for the member's calendar; the previous link, if any, stops working now. */
  public Future<String> renew(Principal who) {
    String secret = tokens.newToken();
    Instant now = clock.instant();
    return storage.call(store -> {
      try (KvBatch batch = store.newBatch()) {
        links.replace(batch, who.userId(), SecretTokens.hash(secret), now);
        store.write(batch, Durability.SYNC);
      }
      return secret;
    });
  }

  /** When the member's current link was made; empty when they have none. */
  public Future<Optional<Instant>> current(Principal who) {
    return storage.call(store -> links.createdAt(who.userId()));
  }

  /** The user id whose calendar {@code secret} opens; empty for anything else (a revoked link, a guess). */
  public Future<Optional<String>> holder(String secret) {
    if (!SecretTokens.looksValid(secret)) {
      return Future.succeededFuture(Optional.empty());
    }
    return storage.call(store -> links.holder(SecretTokens.hash(secret)));
  }
}
