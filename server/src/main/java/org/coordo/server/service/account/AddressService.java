package org.coordo.server.service.account;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.domain.account.EmailAddresses;
import org.coordo.server.domain.account.MailToken;
import org.coordo.server.domain.account.User;
import org.coordo.server.error.NodeError;
import org.coordo.storage.KvBatch;

/**
 * The mail address of an account: set (or removed) by its owner, confirmed by following a link
 * mailed to it, read by its owner and by the node's admins only. An address is unique on the node
 * (the {@code acct_emails} index); an address another account holds is refused without saying whose.
 */
public final class AddressService {
  /** How long a confirmation link works. */
  public static final Duration CONFIRM_LIFETIME = Duration.ofHours(24);

  /** An account's address as its owner (or an admin) sees it; {@code email} null when there is none. */
  public record Address(String email, boolean confirmed) {
    public static final Address NONE = new Address(null, false);
  }

  private final AccountStore store;
  private final MemberMail mail;
  private final SecretTokens secrets;
  private final Clock clock;

  AddressService(AccountStore store, MemberMail mail, SecretTokens secrets, Clock clock) {
    this.store = store;
    this.mail = mail;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The address of the account (none for an unknown account). */
  public Future<Address> of(String userId) {
    return store.call(data -> data.users().findById(userId).map(AddressService::address).orElse(Address.NONE));
  }

  /** The addresses of these accounts, by user id (those without one left out): for the node's admins. */
  public Future<Map<String, Address>> of(Collection<String> userIds) {
    return store.call(data -> {
      Map<String, Address> out = new LinkedHashMap<>();
      for (String id : userIds) {
        data.users().findById(id).filter(u -> u.email() != null).ifPresent(u -> out.put(id, address(u)));
      }
      return out;
    });
  }

  /**
   * Sets the account's address (null or blank removes it), unconfirmed, and mails a confirmation
   * link to it in {@code lang} (when mail is on) in the same write. The same address again changes
   * nothing, except that an unconfirmed one gets a new link. 422 on {@code email} for an invalid address or one another account holds.
   */
  public Future<Address> set(String userId, String typed, String lang) {
    Map<String, String> errors = new LinkedHashMap<>();
    String address = AccountRules.checkEmail(errors, "email", typed);
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    return store.call(data -> data.locked(() -> {
      User user = data.users().findById(userId).orElseThrow(() -> NodeError.missing("account no longer exists"));
      if (address != null && user.email() != null && address.equals(user.email())) {
        if (!user.emailConfirmed()) {
          // Saved again while unconfirmed (the link expired or went astray): a new link.
          data.write(batch -> confirmation(data, batch, user));
        }
        return address(user);
      }
      if (address != null && data.users().emailTakenByOther(address, userId)) {
        throw AccountRules.emailRefused("email");
      }
      User next = user.withEmail(address, false, address == null ? null : MemberMail.language(lang));
      data.write(batch -> {
        data.users().put(batch, next, user);
        if (address != null) {
          confirmation(data, batch, next);
        }
      });
      return address(next);
    }));
  }

  /** Mails a new confirmation link to the account's unconfirmed address (nothing when there is none). */
  public Future<Void> sendConfirmation(String userId) {
    return store.call(data -> data.locked(() -> {
      data.users().findById(userId).filter(u -> u.email() != null && !u.emailConfirmed())
          .ifPresent(u -> data.write(batch -> confirmation(data, batch, u)));
      return null;
    }));
  }

  /**
   * Follows a confirmation link: the account's address is confirmed if it is still the one the link
   * was sent to. 404 unknown link, 410 used or expired (or the address changed since).
   */
  public Future<Address> confirm(String token) {
    return store.call(data -> data.locked(() -> {
      byte[] hash = SecretTokens.hash(token);
      MailToken link = MailLinks.require(data, token, MailToken.Purpose.CONFIRM, now());
      User user = data.users().findById(link.userId())
          .filter(u -> u.email() != null && EmailAddresses.key(u.email()).equals(EmailAddresses.key(link.email())))
          .orElseThrow(() -> NodeError.gone("This address is no longer the account's."));
      User next = user.withEmail(user.email(), true, user.lang());
      data.write(batch -> {
        data.users().put(batch, next, user);
        data.mailTokens().put(batch, hash, link.usedAt(now()));
      });
      return address(next);
    }));
  }

  /** A confirmation link for the account's address, and its mail, in the caller's batch (mail on only). */
  private void confirmation(AccountData data, KvBatch batch, User user) {
    if (!mail.enabled()) {
      return;
    }
    String token = secrets.newToken();
    Instant now = now();
    data.mailTokens().put(batch, SecretTokens.hash(token),
        new MailToken(MailToken.Purpose.CONFIRM, user.id(), user.email(), now, now.plus(CONFIRM_LIFETIME), null));
    URI link = mail.url("/espace/email/confirm/" + token);
    mail.queue().enqueue(batch, mail.confirmAddress(user.email(), user.lang(), user.username(), link));
  }

  private static Address address(User u) {
    return u.email() == null ? Address.NONE : new Address(u.email(), u.emailConfirmed());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The link behind a token, if it exists (any state). */
  static Optional<MailToken> find(AccountData data, String token) {
    return SecretTokens.looksValid(token) ? data.mailTokens().find(SecretTokens.hash(token)) : Optional.empty();
  }
}
