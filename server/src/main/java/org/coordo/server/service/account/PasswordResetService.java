package org.coordo.server.service.account;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.domain.account.EmailAddresses;
import org.coordo.server.domain.account.MailToken;
import org.coordo.server.domain.account.User;
import org.coordo.server.error.NodeError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forgotten password, reset by mail: a person gives a username or an address; if an account with
 * a confirmed address matches, a single-use link that works {@link #LIFETIME} is mailed to that
 * address (only its SHA-256 is stored). Whether an account exists never shows: {@link #request}
 * answers at once and does the work afterwards, off the request. Following the link sets a new
 * password (the account rules, Argon2id) and closes every session of the account.
 *
 * <p>Requests are rate-limited per client address ({@link #PER_ADDRESS} an hour, refused with 429)
 * and per account ({@link #PER_ACCOUNT} links an hour, further requests silently send nothing), on
 * the same sliding-window counter as logins ({@link LoginRateLimiter}).
 */
public final class PasswordResetService {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);
  /** How long a reset link works. */
  public static final Duration LIFETIME = Duration.ofHours(1);
  static final int PER_ADDRESS = 10;
  static final int PER_ACCOUNT = 3;
  private static final Duration WINDOW = Duration.ofHours(1);

  private final AccountStore store;
  private final UserService users;
  private final MemberMail mail;
  private final SecretTokens secrets;
  private final Clock clock;
  private final LoginRateLimiter perAddress;
  private final LoginRateLimiter perAccount;

  PasswordResetService(AccountStore store, UserService users, MemberMail mail, SecretTokens secrets, Clock clock) {
    this.store = store;
    this.users = users;
    this.mail = mail;
    this.secrets = secrets;
    this.clock = clock;
    this.perAddress = new LoginRateLimiter(PER_ADDRESS, WINDOW, clock);
    this.perAccount = new LoginRateLimiter(PER_ACCOUNT, WINDOW, clock);
  }

  /** Whether reset by mail is offered (mail configured). */
  public boolean enabled() {
    return mail.enabled();
  }

  /**
   * Asks for a reset link for {@code identifier} (a username or an address) from client {@code
   * clientAddress}, mailed in {@code lang}. Succeeds at once, the same whether an account matches or
   * not; the lookup and the mail follow off the request. 429 when this client asked too often, 503
   * when mail is off.
   */
  public Future<Void> request(String identifier, String clientAddress, String lang) {
    if (!mail.enabled()) {
      return Future.failedFuture(NodeError.unavailable("Mail is not configured on this node."));
    }
    Optional<Duration> wait = perAddress.take("", clientAddress);
    if (wait.isPresent()) {
      return Future.failedFuture(NodeError.tooManyAttempts(wait.get()));
    }
    String typed = identifier == null ? "" : identifier.strip();
    if (!typed.isEmpty()) {
      store.call(data -> data.locked(() -> issue(data, typed, lang)))
          .onFailure(e -> LOG.warn("password reset request could not be handled", e));
    }
    return Future.succeededFuture();
  }

  /** Store code, under the account lock: the link and its mail in one write, when an account matches. */
  private Void issue(AccountData data, String typed, String lang) {
    Optional<User> found = EmailAddresses.looksLikeAddress(typed)
        ? data.users().findByEmail(typed)
        : data.users().findByUsername(typed);
    Optional<User> user = found.filter(User::hasConfirmedEmail);
    if (user.isEmpty()) {
      return null;
    }
    User u = user.get();
    if (perAccount.take(u.id(), "").isPresent()) {
      LOG.info("password reset for account {} not sent: asked too often", u.id());
      return null;
    }
    String token = secrets.newToken();
    Instant now = now();
    URI link = mail.url("/espace/password/reset/" + token);
    data.write(batch -> {
      data.mailTokens().put(batch, SecretTokens.hash(token),
          new MailToken(MailToken.Purpose.RESET, u.id(), u.email(), now, now.plus(LIFETIME), null));
      mail.queue().enqueue(batch, mail.passwordReset(u.email(), lang == null ? u.lang() : lang, u.username(), link));
    });
    return null;
  }

  /** The username a reset link is for, if it still works; 404 unknown, 410 used or expired. */
  public Future<String> check(String token) {
    return store.call(data -> {
      MailToken link = MailLinks.require(data, token, MailToken.Purpose.RESET, now());
      return data.users().findById(link.userId()).map(User::username)
          .orElseThrow(() -> NodeError.missing("no such link"));
    });
  }

  /**
   * Sets the new password of the link's account, marks the link used and closes every session of
   * the account, in one write; returns the username. 404 / 410 as {@link #check} (also when two
   * uses race: the second finds it used), 422 on {@code password} for a password the rules refuse.
   */
  public Future<String> reset(String token, String newPassword) {
    return check(token).compose(username -> users.setPassword(
        data -> {
          MailToken link = MailLinks.require(data, token, MailToken.Purpose.RESET, now());
          return data.users().findById(link.userId()).orElseThrow(() -> NodeError.missing("no such link"));
        },
        newPassword, "password",
        (data, batch) -> data.mailTokens().find(SecretTokens.hash(token))
            .ifPresent(link -> data.mailTokens().put(batch, SecretTokens.hash(token), link.usedAt(now())))))
        .map(User::username);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Reset requests count for the whole node, whichever process saw them (several processes on PostgreSQL). */
  public void shareLimits(org.coordo.storage.CacheEvents events) {
    perAddress.share(events, "limit-reset-address");
    perAccount.share(events, "limit-reset-account");
  }
}
