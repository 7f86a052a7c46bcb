package org.coordo.server.service.account;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.coordo.federation.ActorType;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.domain.account.EmailAddresses;
import org.coordo.server.domain.account.Membership;
import org.coordo.server.domain.account.User;
import org.coordo.server.domain.account.UserNames;
import org.coordo.server.error.NodeError;
import org.coordo.storage.KvBatch;

/**
 * Accounts: creation (with their {@code Person} actor), principals, password changes. Password
 * hashing runs on the {@code hashing} worker, storage through the {@link AccountStore}.
 */
public final class UserService {

  /**
   * What a person types to get an account.
   *
   * @param email a mail address, or null or blank for none
   */
  public record NewUser(String username, String displayName, String password, String email) {
    public NewUser(String username, String displayName, String password) {
      this(username, displayName, password, null);
    }
  }

  private final AccountStore store;
  private final ActorBinder binder;
  private final PasswordHasher hasher;
  private final WorkerExecutor hashing;
  private final SecretTokens secrets;
  private final Clock clock;
  private final Supplier<String> ids;

  UserService(
      AccountStore store, ActorBinder binder, PasswordHasher hasher, WorkerExecutor hashing, SecretTokens secrets,
      Clock clock, Supplier<String> ids) {
    this.store = store;
    this.binder = binder;
    this.hasher = hasher;
    this.hashing = hashing;
    this.secrets = secrets;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Creates an account with the given node-admin flag and collective roles (editor or member).
   * 422 for bad input, a taken name or an unknown collective.
   */
  public Future<User> create(NewUser input, boolean nodeAdmin, Map<String, Role> roles) {
    return create(input, nodeAdmin, roles, null, null, data -> Optional.empty(), (data, batch) -> {});
  }

  /**
   * The creation steps, with a check that must still hold when the account is written ({@code
   * stillValid}, run before the expensive steps and again under the write lock) and extra writes
   * for the same batch (e.g. marking an invitation used). The account's address is confirmed when
   * it is {@code confirmedEmail} (the address an invitation was mailed to); {@code lang} is the
   * language of its mail.
   */
  Future<User> create(
      NewUser given,
      boolean nodeAdmin,
      Map<String, Role> roles,
      String confirmedEmail,
      String lang,
      Function<AccountData, Optional<NodeError>> stillValid,
      BiConsumer<AccountData, KvBatch> alsoWrite) {
    Map<String, String> errors = new LinkedHashMap<>();
    NewUser input = new NewUser(UserNames.normalize(given.username()), given.displayName(), given.password());
    AccountRules.checkName(errors, "username", input.username());
    AccountRules.checkDisplayName(errors, "displayName", input.displayName());
    AccountRules.checkPassword(errors, "password", input.password());
    String email = AccountRules.checkEmail(errors, "email", given.email());
    roles.forEach((collective, role) -> {
      if (!role.isCollectiveRole()) {
        errors.put("role", "admin is a node role: give it with the admin flag");
      }
    });
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    String username = input.username();
    String displayName = AccountRules.displayNameOr(input.displayName(), username);
    Function<AccountData, Optional<NodeError>> checks = data -> {
      if (data.users().usernameTaken(username) || data.collectives().exists(username)) {
        return Optional.of(ActorBinder.taken("username"));
      }
      if (email != null && data.users().emailTakenByOther(email, "")) {
        return Optional.of(AccountRules.emailRefused("email"));
      }
      for (String collective : roles.keySet()) {
        if (!data.collectives().exists(collective)) {
          return Optional.of(NodeError.invalid("collective", "no such collective: " + collective));
        }
      }
      return stillValid.apply(data);
    };
    return store.call(checks)
        .compose(problem -> problem.<Future<String>>map(Future::failedFuture)
            .orElseGet(() -> hashing.executeBlocking(() -> hasher.hash(input.password()), false)))
        .compose(hash -> binder.bind("username", username, ActorType.Person, displayName, null, false)
            .map(actor -> hash))
        .compose(hash -> store.call(data -> data.locked(() -> {
          checks.apply(data).ifPresent(problem -> {
            throw problem;
          });
          Instant now = now();
          boolean confirmed = email != null && confirmedEmail != null
              && EmailAddresses.key(email).equals(EmailAddresses.key(confirmedEmail));
          User user = new User(ids.get(), username, displayName, hash, nodeAdmin, now, email, confirmed,
              email == null ? null : MemberMail.language(lang));
          data.write(batch -> {
            data.users().put(batch, user);
            roles.forEach((collective, role) ->
                data.memberships().put(batch, new Membership(collective, user.id(), username, role, now)));
            alsoWrite.accept(data, batch);
          });
          return user;
        })));
  }

  /** The principal of a user id, empty if the account no longer exists. */
  public Future<Optional<Principal>> principalOf(String userId) {
    return store.call(data -> principalOf(data, userId));
  }

  static Optional<Principal> principalOf(AccountData data, String userId) {
    return data.users().findById(userId)
        .map(u -> new Principal(u.id(), u.username(), u.nodeAdmin(), data.memberships().rolesOf(u.id())));
  }

  public Future<Optional<User>> findByUsername(String username) {
    return store.call(data -> data.users().findByUsername(username));
  }

  public Future<User> requireByUsername(String username) {
    return findByUsername(username).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(noSuchUser(username))));
  }

  /**
   * Changes the password after checking the current one (422 on {@code oldPassword} when wrong),
   * and revokes every session of the user except {@code keepSessionHash} (may be null).
   */
  public Future<Void> changePassword(Principal who, String oldPassword, String newPassword, byte[] keepSessionHash) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (oldPassword == null || oldPassword.isEmpty()) {
      errors.put("oldPassword", "required");
    }
    AccountRules.checkPassword(errors, "newPassword", newPassword);
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    return store.call(data -> data.users().findById(who.userId()))
        .compose(found -> {
          User user = found.orElseThrow(() -> NodeError.missing("account no longer exists"));
          return hashing.executeBlocking(() -> {
            if (!hasher.verify(oldPassword, user.passwordHash())) {
              throw NodeError.invalid("oldPassword", "does not match your current password");
            }
            return hasher.hash(newPassword);
          }, false);
        })
        .compose(hash -> store.call(data -> data.locked(() -> {
          User current = data.users().findById(who.userId())
              .orElseThrow(() -> NodeError.missing("account no longer exists"));
          data.write(batch -> {
            data.users().put(batch, current.withPasswordHash(hash));
            for (byte[] session : data.credentials().sessionHashes(current.id())) {
              if (keepSessionHash == null || !java.util.Arrays.equals(session, keepSessionHash)) {
                data.credentials().deleteSession(batch, current.id(), session);
              }
            }
          });
          return null;
        })));
  }

  /** Sets a new password without the old one (node admin on the command line). */
  public Future<Void> resetPassword(String username, String newPassword) {
    return setPassword(data -> requireUser(data, username), newPassword, "password", (data, batch) -> {})
        .mapEmpty();
  }

  /**
   * Sets a new password without the old one and closes every session of the account, with extra
   * writes in the same batch (a reset link marked used). {@code whose} finds the account under the
   * write lock, and may refuse by throwing (a link used meanwhile). 422 on {@code field} when the
   * password breaks the rules.
   */
  Future<User> setPassword(Function<AccountData, User> whose, String newPassword, String field,
      BiConsumer<AccountData, KvBatch> alsoWrite) {
    Map<String, String> errors = new LinkedHashMap<>();
    AccountRules.checkPassword(errors, field, newPassword);
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    return hashing.executeBlocking(() -> hasher.hash(newPassword), false)
        .compose(hash -> store.call(data -> data.locked(() -> {
          User user = whose.apply(data);
          data.write(batch -> {
            data.users().put(batch, user.withPasswordHash(hash));
            data.credentials().sessionHashes(user.id()).forEach(s -> data.credentials().deleteSession(batch, user.id(), s));
            alsoWrite.accept(data, batch);
          });
          return user;
        })));
  }

  /**
   * An admin's reset from the web: a new temporary password (returned, to be shown once), every
   * session of the account closed. 404 for an unknown user.
   */
  public Future<String> resetToTemporaryPassword(String username) {
    String temporary = secrets.newTemporaryPassword();
    return resetPassword(username, temporary).map(v -> temporary);
  }

  /** The display names of these usernames (unknown ones left out), for bylines. */
  public Future<Map<String, String>> displayNames(java.util.Collection<String> usernames) {
    return store.call(data -> {
      Map<String, String> names = new LinkedHashMap<>();
      for (String username : usernames) {
        data.users().findByUsername(username).filter(u -> u.displayName() != null && !u.displayName().isBlank())
            .ifPresent(u -> names.put(username, u.displayName()));
      }
      return names;
    });
  }

  /**
   * When each user was last seen, as far as the node knows: the latest use of one of their open
   * sessions (refreshed every few minutes). Users without an open session are absent.
   */
  public Future<Map<String, Instant>> lastSeen(java.util.Collection<String> userIds) {
    return store.call(data -> {
      Map<String, Instant> seen = new LinkedHashMap<>();
      for (String id : userIds) {
        data.credentials().sessionHashes(id).stream()
            .map(h -> data.credentials().findSession(h))
            .flatMap(Optional::stream)
            .map(org.coordo.server.domain.account.Session::lastSeen)
            .max(Instant::compareTo)
            .ifPresent(at -> seen.put(id, at));
      }
      return seen;
    });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The user with that name, or a 404 (inside a store call). */
  static User requireUser(AccountData data, String username) {
    return data.users().findByUsername(username).orElseThrow(() -> noSuchUser(username));
  }

  static NodeError noSuchUser(String username) {
    return NodeError.missing("no such user: " + username);
  }
}
