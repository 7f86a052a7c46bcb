package org.coordo.server.service.account;

import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.coordo.federation.ActorDirectory;
import org.coordo.federation.TimeSortableIds;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.MarkdownRenderer;

/**
 * The account services of one node, wired together: users, sessions and tokens, collectives,
 * invitations. Built by the node's account module, and by the command line on a stopped node.
 */
public final class Accounts {

  /**
   * Tunables.
   *
   * @param publicUrl the node's public URL (invitation links; {@code https} means Secure cookies)
   */
  public record Settings(
      URI publicUrl, PasswordHasher.Params hashing, SessionPolicy sessions, int maxLoginFailures, Duration loginWindow) {

    public Settings {
      Objects.requireNonNull(publicUrl, "publicUrl");
      Objects.requireNonNull(hashing, "hashing");
      Objects.requireNonNull(sessions, "sessions");
    }

    /** Argon2id m=19 MiB t=2 p=1, 7/30-day sessions, 5 login failures per 15 minutes. */
    public static Settings defaults(URI publicUrl) {
      return new Settings(publicUrl, PasswordHasher.DEFAULT, SessionPolicy.DEFAULT, 5, Duration.ofMinutes(15));
    }

    public Settings withHashing(PasswordHasher.Params params) {
      return new Settings(publicUrl, params, sessions, maxLoginFailures, loginWindow);
    }

    /** Whether session cookies get the {@code Secure} flag. */
    public boolean secureCookies() {
      return "https".equalsIgnoreCase(publicUrl.getScheme());
    }
  }

  private final Settings settings;
  private final UserService users;
  private final SessionService sessions;
  private final CollectiveService collectives;
  private final InvitationService invitations;
  private final MemberMail mail;
  private final AddressService addresses;
  private final PasswordResetService resets;
  private final EditorNotices notices;

  /** Accounts on a node without mail (the command line, tests of accounts alone). */
  public Accounts(AccountStore store, ActorDirectory actors, WorkerExecutor hashing, Settings settings, Clock clock) {
    this(store, actors, hashing, settings, clock, MemberMail.disabled(settings.publicUrl()));
  }

  /**
   * @param hashing the worker that runs Argon2id (CPU- and memory-heavy: keep it small and apart
   *     from the storage worker)
   * @param mail the mail members get (invitations, resets, confirmations, editors' notices)
   */
  public Accounts(AccountStore store, ActorDirectory actors, WorkerExecutor hashing, Settings settings, Clock clock,
      MemberMail mail) {
    this.settings = settings;
    this.mail = mail;
    Supplier<String> ids = new TimeSortableIds(clock);
    PasswordHasher hasher = new PasswordHasher(settings.hashing());
    SecretTokens secrets = new SecretTokens();
    ActorBinder binder = new ActorBinder(actors, store);
    MarkdownRenderer markdown = new MarkdownRenderer(new HtmlSanitizer());
    this.users = new UserService(store, binder, hasher, hashing, secrets, clock, ids);
    this.sessions = new SessionService(
        store, hasher, hashing, secrets,
        new LoginRateLimiter(settings.maxLoginFailures(), settings.loginWindow(), clock),
        settings.sessions(), clock, ids);
    this.collectives = new CollectiveService(store, binder, actors, markdown::toHtml, clock);
    this.addresses = new AddressService(store, mail, secrets, clock);
    this.invitations = new InvitationService(store, users, addresses, mail, secrets, settings.publicUrl(), clock, ids);
    this.resets = new PasswordResetService(store, users, mail, secrets, clock);
    this.notices = new EditorNotices(store, mail, clock);
  }

  /** Login and password-reset limits count for the whole node across its processes (PostgreSQL). */
  public void shareLimits(org.coordo.storage.CacheEvents events) {
    sessions.shareLimits(events);
    resets.shareLimits(events);
  }

  /** Whether mail is configured (what needs it is offered only then). */
  public boolean mailEnabled() {
    return mail.enabled();
  }

  public AddressService addresses() {
    return addresses;
  }

  public PasswordResetService resets() {
    return resets;
  }

  public EditorNotices notices() {
    return notices;
  }


  public Settings settings() {
    return settings;
  }

  public UserService users() {
    return users;
  }

  public SessionService sessions() {
    return sessions;
  }

  public CollectiveService collectives() {
    return collectives;
  }

  public InvitationService invitations() {
    return invitations;
  }
}
