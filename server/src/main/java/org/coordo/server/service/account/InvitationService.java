package org.coordo.server.service.account;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.account.Invitation;
import org.coordo.server.domain.account.Membership;
import org.coordo.server.domain.account.User;
import org.coordo.server.error.NodeError;

/**
 * Invitations to join a collective: a single-use secret link {@code <publicUrl>/invitations/<token>}
 * with an expiry. Accepting one creates the account with the invited role, and marks the invitation
 * used in the same batch.
 */
public final class InvitationService {
  public static final int DEFAULT_DAYS = 7;
  public static final int MAX_DAYS = 90;

  /** A new invitation: its secret link (shown once) and its record. */
  public record Issued(String token, URI link, Invitation invitation) {}

  private final AccountStore store;
  private final UserService users;
  private final AddressService addresses;
  private final MemberMail mail;
  private final SecretTokens secrets;
  private final String publicBase;
  private final Clock clock;
  private final Supplier<String> ids;

  InvitationService(AccountStore store, UserService users, AddressService addresses, MemberMail mail,
      SecretTokens secrets, URI publicUrl, Clock clock, Supplier<String> ids) {
    this.store = store;
    this.users = users;
    this.addresses = addresses;
    this.mail = mail;
    this.secrets = secrets;
    String base = publicUrl.toString();
    this.publicBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.clock = clock;
    this.ids = ids;
  }

  /** The page a person opens to accept. */
  public URI link(String token) {
    return URI.create(publicBase + "/invitations/" + token);
  }

  /**
   * Creates an invitation to {@code collective} with {@code role} (editor or member), valid {@code
   * days} days (1 to 90, null for {@value #DEFAULT_DAYS}).
   */
  public Future<Issued> create(String collective, Role role, Integer days, String createdBy) {
    return create(collective, role, days, createdBy, null, null);
  }

  /**
   * Same, and when {@code email} is given, mails the link there (in {@code lang}, French or
   * English) in the same write as the invitation: 422 on {@code email} for an invalid address, 503
   * when mail is not configured on this node.
   */
  public Future<Issued> create(String collective, Role role, Integer days, String createdBy, String email,
      String lang) {
    java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
    String address = AccountRules.checkEmail(errors, "email", email);
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    if (address != null && !mail.enabled()) {
      return Future.failedFuture(NodeError.unavailable("Mail is not configured on this node."));
    }
    if (role == null || !role.isCollectiveRole()) {
      return Future.failedFuture(NodeError.invalid("role", "use editor or member"));
    }
    int validDays = days == null ? DEFAULT_DAYS : days;
    if (validDays < 1 || validDays > MAX_DAYS) {
      return Future.failedFuture(NodeError.invalid("expiresDays", "between 1 and " + MAX_DAYS));
    }
    String token = secrets.newToken();
    byte[] hash = SecretTokens.hash(token);
    return store.call(data -> {
      CollectiveService.requireCollective(data, collective);
      Instant now = now();
      Invitation invitation = new Invitation(
          ids.get(), collective, role, createdBy, now, now.plus(Duration.ofDays(validDays)), null, null, address);
      URI link = link(token);
      data.write(batch -> {
        data.invitations().put(batch, hash, invitation);
        if (address != null) {
          String collectiveName = data.collectives().find(collective).map(c -> c.displayName())
              .filter(d -> d != null && !d.isBlank()).orElse(collective);
          String inviter = data.users().findByUsername(createdBy).map(u -> u.displayName())
              .filter(d -> d != null && !d.isBlank()).orElse(collectiveName);
          mail.queue().enqueue(batch,
              mail.invitation(address, lang, inviter, collectiveName, role, link, invitation.expires()));
        }
      });
      return new Issued(token, link, invitation);
    });
  }

  /** The invitation behind a token if it can still be accepted; 404 / 410 otherwise. */
  public Future<Invitation> check(String token) {
    return store.call(data -> {
      Optional<Invitation> found = SecretTokens.looksValid(token)
          ? data.invitations().find(SecretTokens.hash(token))
          : Optional.empty();
      Invitation invitation = found.orElseThrow(() -> NodeError.missing("no such invitation"));
      problem(invitation).ifPresent(p -> {
        throw p;
      });
      return invitation;
    });
  }

  /**
   * Creates the account the invitation is for. 404 unknown, 410 used or expired, 422 bad input or
   * taken username. Single use even under concurrent accepts (checked again under the write lock).
   */
  public Future<User> accept(String token, UserService.NewUser input) {
    return accept(token, input, null);
  }

  /**
   * Same; the account's address (if one is given) is confirmed when it is the one the invitation
   * was mailed to, and otherwise gets a confirmation link in {@code lang}.
   */
  public Future<User> accept(String token, UserService.NewUser input, String lang) {
    if (!SecretTokens.looksValid(token)) {
      return Future.failedFuture(NodeError.missing("no such invitation"));
    }
    byte[] hash = SecretTokens.hash(token);
    return check(token).compose(invitation -> users.create(
        input,
        false,
        Map.of(invitation.collective(), invitation.role()),
        invitation.email(),
        lang,
        data -> data.invitations().find(hash).flatMap(this::problem),
        (data, batch) -> data.invitations().put(batch, hash, invitation.usedBy(input.username(), now()))))
        .compose(user -> user.email() == null || user.emailConfirmed() || !mail.enabled()
            ? Future.succeededFuture(user)
            : addresses.sendConfirmation(user.id()).map(user));
  }

  /**
   * Uses the invitation for an existing account (someone who already belongs to another
   * collective): adds the membership, never lowering a role already held there. Same checks and
   * single use as {@link #accept}.
   */
  public Future<Membership> join(String token, String userId) {
    if (!SecretTokens.looksValid(token)) {
      return Future.failedFuture(NodeError.missing("no such invitation"));
    }
    byte[] hash = SecretTokens.hash(token);
    return store.call(data -> data.locked(() -> {
      Invitation invitation = data.invitations().find(hash)
          .orElseThrow(() -> NodeError.missing("no such invitation"));
      problem(invitation).ifPresent(p -> {
        throw p;
      });
      User user = data.users().findById(userId)
          .orElseThrow(() -> NodeError.missing("account no longer exists"));
      CollectiveService.requireCollective(data, invitation.collective());
      Instant now = now();
      Membership membership = data.memberships().find(invitation.collective(), userId)
          .map(m -> m.role() == Role.EDITOR ? m : m.withRole(invitation.role()))
          .orElseGet(() -> new Membership(invitation.collective(), userId, user.username(), invitation.role(), now));
      data.write(batch -> {
        data.memberships().put(batch, membership);
        data.invitations().put(batch, hash, invitation.usedBy(user.username(), now));
      });
      return membership;
    }));
  }

  private Optional<NodeError> problem(Invitation invitation) {
    if (invitation.isUsed()) {
      return Optional.of(NodeError.gone("This invitation has already been used."));
    }
    if (invitation.isExpiredAt(now())) {
      return Optional.of(NodeError.gone("This invitation has expired."));
    }
    return Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
