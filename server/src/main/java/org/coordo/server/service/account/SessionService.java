package org.coordo.server.service.account;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.coordo.server.auth.Authenticator;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.account.ApiToken;
import org.coordo.server.domain.account.Session;
import org.coordo.server.domain.account.User;
import org.coordo.server.domain.account.UserNames;
import org.coordo.server.error.NodeError;

/**
 * Password login into sessions, logout, API tokens, and the {@link Authenticator} the {@code
 * AuthHandler} uses. Secrets are random 256-bit tokens given out once; only their SHA-256 is stored.
 */
public final class SessionService implements Authenticator {

  /** A new session: the cookie value (shown once) and who logged in. */
  public record Login(String token, Principal principal, Session session) {}

  /** A new API token: the secret (shown once) and its record. */
  public record IssuedToken(String token, ApiToken record) {}

  private static final String WRONG_CREDENTIALS = "Wrong username or password.";
  private static final int MAX_LABEL = 100;
  /** Logins waiting for a password check beyond this are refused (503): bounds Argon2 CPU and memory. */
  static final int MAX_PENDING_LOGINS = 32;

  private final AtomicInteger pendingLogins = new AtomicInteger();

  private final AccountStore store;
  private final PasswordHasher hasher;
  private final WorkerExecutor hashing;
  private final SecretTokens secrets;
  private final LoginRateLimiter limiter;
  private final SessionPolicy policy;
  private final Clock clock;
  private final Supplier<String> ids;

  SessionService(
      AccountStore store, PasswordHasher hasher, WorkerExecutor hashing, SecretTokens secrets,
      LoginRateLimiter limiter, SessionPolicy policy, Clock clock, Supplier<String> ids) {
    this.store = store;
    this.hasher = hasher;
    this.hashing = hashing;
    this.secrets = secrets;
    this.limiter = limiter;
    this.policy = policy;
    this.clock = clock;
    this.ids = ids;
  }

  public SessionPolicy policy() {
    return policy;
  }

  /**
   * Checks the password and opens a session. 429 (with retry-after) when this username and address
   * failed too often recently; 401 with one generic message for an unknown user or a wrong password.
   */
  public Future<Login> login(String typed, String password, String address) {
    String username = UserNames.normalize(typed);
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return Future.failedFuture(NodeError.unauthenticated(WRONG_CREDENTIALS));
    }
    if (password.length() > AccountRules.MAX_PASSWORD) {
      return Future.failedFuture(NodeError.unauthenticated(WRONG_CREDENTIALS));
    }
    Optional<java.time.Duration> wait = limiter.retryAfter(username, address);
    if (wait.isPresent()) {
      return Future.failedFuture(NodeError.tooManyAttempts(wait.get()));
    }
    if (pendingLogins.incrementAndGet() > MAX_PENDING_LOGINS) {
      pendingLogins.decrementAndGet();
      return Future.failedFuture(NodeError.busy());
    }
    return store.call(data -> data.users().findByUsername(username))
        .compose(found -> hashing.executeBlocking(() -> found
            .filter(user -> hasher.verify(password, user.passwordHash()))
            .or(() -> {
              if (found.isEmpty()) {
                hasher.verifyNothing(password);
              }
              return Optional.empty();
            }), false))
        .andThen(done -> pendingLogins.decrementAndGet())
        .compose(verified -> {
          if (verified.isEmpty()) {
            limiter.recordFailure(username, address);
            return Future.failedFuture(NodeError.unauthenticated(WRONG_CREDENTIALS));
          }
          limiter.recordSuccess(username, address);
          return openSession(verified.get());
        });
  }

  /** Failed logins count for the whole node, whichever process saw them (several processes on PostgreSQL). */
  public void shareLimits(org.coordo.storage.CacheEvents events) {
    limiter.share(events, "limit-login");
  }

  private Future<Login> openSession(User user) {
    String token = secrets.newToken();
    byte[] hash = SecretTokens.hash(token);
    Instant now = now();
    Session session = new Session(user.id(), now, now, now.plus(policy.absoluteLifetime()));
    return store.call(data -> {
      data.write(batch -> data.credentials().putSession(batch, hash, session));
      return UserService.principalOf(data, user.id()).orElseThrow();
    }).map(principal -> new Login(token, principal, session));
  }

  /** Revokes the session of that cookie value (unknown values are ignored). */
  public Future<Void> logout(String sessionToken) {
    if (!SecretTokens.looksValid(sessionToken)) {
      return Future.succeededFuture();
    }
    byte[] hash = SecretTokens.hash(sessionToken);
    return store.call(data -> {
      data.credentials().findSession(hash)
          .ifPresent(s -> data.write(batch -> data.credentials().deleteSession(batch, s.userId(), hash)));
      return null;
    });
  }

  @Override
  public Future<Optional<Principal>> bySessionToken(String token) {
    if (!SecretTokens.looksValid(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] hash = SecretTokens.hash(token);
    return store.call(data -> {
      Optional<Session> found = data.credentials().findSession(hash);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Session session = found.get();
      Instant now = now();
      if (!session.isValidAt(now, policy.idleTimeout())) {
        data.write(batch -> data.credentials().deleteSession(batch, session.userId(), hash));
        return Optional.empty();
      }
      if (session.lastSeen().plus(policy.touchEvery()).isBefore(now)) {
        data.write(batch -> data.credentials().touchSession(batch, hash, session.seenAt(now)));
      }
      return UserService.principalOf(data, session.userId());
    });
  }

  @Override
  public Future<Optional<Principal>> byBearerToken(String token) {
    if (!SecretTokens.looksValid(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] hash = SecretTokens.hash(token);
    return store.call(data -> data.credentials().findToken(hash)
        .flatMap(t -> UserService.principalOf(data, t.userId())));
  }

  /** A new API token for the user; the secret is in the result only. */
  public Future<IssuedToken> createToken(String username, String label) {
    String cleanLabel = label == null ? "" : label.strip();
    if (cleanLabel.length() > MAX_LABEL || cleanLabel.chars().anyMatch(Character::isISOControl)) {
      return Future.failedFuture(NodeError.invalid("label", "at most " + MAX_LABEL + " characters, one line"));
    }
    String token = secrets.newToken();
    byte[] hash = SecretTokens.hash(token);
    return store.call(data -> {
      User user = UserService.requireUser(data, username);
      ApiToken record = new ApiToken(ids.get(), user.id(), cleanLabel, now());
      data.write(batch -> data.credentials().putToken(batch, hash, record));
      return new IssuedToken(token, record);
    });
  }

  /** The user's API tokens (without secrets). */
  public Future<List<ApiToken>> listTokens(String userId) {
    return store.call(data -> data.credentials().tokensOf(userId).stream()
        .map(e -> e.token())
        .toList());
  }

  /** Revokes one of the user's API tokens by id; 404 if the user has no such token. */
  public Future<Void> revokeToken(String userId, String tokenId) {
    return store.call(data -> data.locked(() -> {
      var entry = data.credentials().tokensOf(userId).stream()
          .filter(e -> e.token().id().equals(tokenId))
          .findFirst()
          .orElseThrow(() -> NodeError.missing("no such token"));
      data.write(batch -> data.credentials().deleteToken(batch, userId, entry.hash()));
      return null;
    }));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
