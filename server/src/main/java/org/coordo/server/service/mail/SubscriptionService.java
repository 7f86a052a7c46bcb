package org.coordo.server.service.mail;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.mail.SubscriptionRepository;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.domain.mail.Subscription.Choices;
import org.coordo.server.error.NodeError;
import org.coordo.server.mail.MailAddresses;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.server.service.SlidingWindowLimiter;
import org.coordo.server.service.account.SecretTokens;

/**
 * Email subscriptions (issue 15): double opt-in, the manage page's changes, unsubscribe, and what a
 * node admin sees. The subscribe form always gets the same answer: a new or pending address gets a
 * confirmation mail (a new single-use link, valid {@link Settings#confirmValid}); an address already
 * confirmed for that scope gets its manage link instead; nothing else is ever sent before
 * confirmation. Forms are rate-limited per client address and per mail address.
 */
public final class SubscriptionService {
  /** How many cities a national subscriber may pick (more is "all"). */
  public static final int MAX_CITIES = 200;

  /**
   * @param confirmValid how long a confirmation link works
   * @param perClient subscribe forms accepted per client address within {@code window}
   * @param perAddress subscribe forms accepted per mail address within {@code window}
   */
  public record Settings(Duration confirmValid, int perClient, int perAddress, Duration window) {
    public static Settings defaults() {
      return new Settings(Duration.ofHours(48), 10, 3, Duration.ofHours(1));
    }
  }

  /** What a confirmation link is now. */
  public enum LinkState { VALID, USED, EXPIRED, UNKNOWN }

  /** A confirmation link looked up: its state and, when valid or just used, the subscription. */
  public record Confirmation(LinkState state, Subscription subscription) {}

  /** A scope as the admin page lists it. */
  public record ScopeCount(String scope, long confirmed) {}

  private final StoreCalls storage;
  private final SubscriptionRepository repository;
  private final MailQueue mail;
  private final SubscriptionLinks links;
  private final SubscriberDirectory directory;
  private final SubscriptionMails mails;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Settings settings;
  private final Function<String, Future<Optional<String>>> scopeNames;
  private final String nationalScope;
  private final Supplier<Future<Set<String>>> cities;
  private final SlidingWindowLimiter perClient;
  private final SlidingWindowLimiter perAddress;
  private final SecretTokens tokens = new SecretTokens();

  /**
   * @param repository store code, called only through {@code storage}
   * @param scopeNames a scope's display name when one may subscribe to it (a collective of this node)
   * @param nationalScope the national group's name on a national node (its subscribers pick cities), else null
   * @param cities the cities a national subscriber may pick
   */
  public SubscriptionService(StoreCalls storage, SubscriptionRepository repository, MailQueue mail,
      SubscriptionLinks links, Clock clock, Supplier<String> ids, Settings settings, String nodeName,
      Function<String, Future<Optional<String>>> scopeNames, String nationalScope,
      Supplier<Future<Set<String>>> cities) {
    this.storage = storage;
    this.repository = repository;
    this.mail = mail;
    this.links = links;
    this.directory = new SubscriberDirectory(repository, links);
    this.mails = new SubscriptionMails(nodeName);
    this.clock = clock;
    this.ids = ids;
    this.settings = settings;
    this.scopeNames = scopeNames;
    this.nationalScope = nationalScope;
    this.cities = cities;
    this.perClient = new SlidingWindowLimiter(settings.perClient(), settings.window(), clock);
    this.perAddress = new SlidingWindowLimiter(settings.perAddress(), settings.window(), clock);
  }

  /** Whether subscriptions are offered (mail is configured). */
  public boolean enabled() {
    return mail.enabled();
  }

  /** What publication mails read (store code). */
  public Subscribers subscribers() {
    return directory;
  }

  /** A scope's display name, when one may subscribe to it. */
  public Future<Optional<String>> scopeName(String scope) {
    return scope == null || scope.isEmpty() ? Future.succeededFuture(Optional.empty()) : scopeNames.apply(scope);
  }

  /** The national group's name on a national node (whose subscribers pick cities), else null. */
  public String nationalScope() {
    return nationalScope;
  }

  /**
   * A subscribe form: validates, then writes a pending subscription and queues its confirmation
   * mail (or the manage link of an address already confirmed). Succeeds the same way in every case.
   */
  public Future<Void> subscribe(String typedEmail, String scope, Choices choices, String client) {
    if (!enabled()) {
      return Future.failedFuture(unavailable());
    }
    Optional<Duration> wait = perClient.tryAcquire(client == null ? "" : client);
    if (wait.isPresent()) {
      return Future.failedFuture(NodeError.tooManyAttempts(wait.get()));
    }
    Optional<String> email = MailAddresses.parse(typedEmail);
    if (email.isEmpty()) {
      return Future.failedFuture(NodeError.invalid("email", "not a valid email address"));
    }
    Choices checked;
    try {
      checked = shape(scope, choices);
    } catch (NodeError e) {
      return Future.failedFuture(e);
    }
    wait = perAddress.tryAcquire(email.get());
    if (wait.isPresent()) {
      return Future.failedFuture(NodeError.tooManyAttempts(wait.get()));
    }
    return scopeNames.apply(scope).compose(name -> name.isEmpty() ? Future.failedFuture(NodeError.notFound("collective"))
        : checkCities(scope, checked).compose(v -> storage.call(store -> prepare(email.get(), scope, name.get(), checked)))
            .compose(mail::send));
  }

  private OutgoingMail prepare(String email, String scope, String scopeName, Choices choices) {
    Optional<Subscription> existing = repository.findByAddress(scope, email);
    if (existing.isPresent() && existing.get().isConfirmed()) {
      return mails.alreadySubscribed(existing.get(), scopeName, links.manageUrl(existing.get().id()));
    }
    Instant now = clock.instant();
    String token = tokens.newToken();
    byte[] hash = SecretTokens.hash(token);
    String hex = HexFormat.of().formatHex(hash);
    Subscription sub = existing.map(s -> s.withChoices(choices).pendingAgain(now, hex))
        .orElseGet(() -> new Subscription(ids.get(), email, scope, choices.locale(), choices.frequency(),
            choices.eventsOnly(), choices.cities(), Subscription.State.PENDING, now, null, hex));
    repository.put(sub, existing.orElse(null), hash,
        new SubscriptionRepository.Token(sub.id(), now.plus(settings.confirmValid()), null));
    return mails.confirm(sub, scopeName, links.confirmUrl(token), settings.confirmValid());
  }

  /** What a confirmation link is (the page before the button; changes nothing). */
  public Future<Confirmation> confirmation(String token) {
    if (!SecretTokens.looksValid(token)) {
      return Future.succeededFuture(new Confirmation(LinkState.UNKNOWN, null));
    }
    return storage.call(store -> look(SecretTokens.hash(token)));
  }

  /** Follows a confirmation link (the button): a valid one confirms, once. */
  public Future<Confirmation> confirm(String token) {
    if (!SecretTokens.looksValid(token)) {
      return Future.succeededFuture(new Confirmation(LinkState.UNKNOWN, null));
    }
    byte[] hash = SecretTokens.hash(token);
    return storage.call(store -> {
      synchronized (repository) {
        Confirmation c = look(hash);
        if (c.state() != LinkState.VALID) {
          return c;
        }
        Instant now = clock.instant();
        SubscriptionRepository.Token t = repository.findToken(hash).orElseThrow();
        Subscription confirmed = c.subscription().confirmedAt(now);
        repository.put(confirmed, c.subscription(), hash, new SubscriptionRepository.Token(t.id(), t.expires(), now));
        return new Confirmation(LinkState.VALID, confirmed);
      }
    });
  }

  private Confirmation look(byte[] hash) {
    Optional<SubscriptionRepository.Token> token = repository.findToken(hash);
    if (token.isEmpty()) {
      return new Confirmation(LinkState.UNKNOWN, null);
    }
    Optional<Subscription> sub = repository.find(token.get().id())
        .filter(s -> HexFormat.of().formatHex(hash).equals(s.confirmHash()));
    if (sub.isEmpty()) {
      return new Confirmation(LinkState.UNKNOWN, null);
    }
    if (token.get().used() != null || sub.get().isConfirmed()) {
      return new Confirmation(LinkState.USED, sub.get());
    }
    if (!token.get().expires().isAfter(clock.instant())) {
      return new Confirmation(LinkState.EXPIRED, null);
    }
    return new Confirmation(LinkState.VALID, sub.get());
  }

  /** The subscription a manage or unsubscribe link names (404 for a wrong key or a deleted one). */
  public Future<Subscription> find(String id, String key) {
    if (!links.matches(id, key)) {
      return Future.failedFuture(NodeError.notFound("subscription"));
    }
    return storage.call(store -> repository.find(id)).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get()) : Future.failedFuture(NodeError.notFound("subscription")));
  }

  /** Changes a subscription's choices from its manage link. */
  public Future<Subscription> update(String id, String key, Choices choices) {
    return find(id, key).compose(sub -> {
      Choices checked = shape(sub.scope(), choices);
      return checkCities(sub.scope(), checked).compose(v -> storage.call(store -> {
        Subscription current = repository.find(id).orElseThrow(() -> NodeError.notFound("subscription"));
        Subscription changed = current.withChoices(checked);
        repository.put(changed, current, null, null);
        return changed;
      }));
    });
  }

  /**
   * Unsubscribes from a manage or unsubscribe link: the subscription, its indexes and its address
   * are deleted. True when something was deleted; false when the link is right but the subscription
   * is already gone (a second click). A wrong key is a 404.
   */
  public Future<Boolean> unsubscribe(String id, String key) {
    if (!links.matches(id, key)) {
      return Future.failedFuture(NodeError.notFound("subscription"));
    }
    return storage.call(store -> repository.find(id).map(sub -> {
      repository.delete(sub);
      return true;
    }).orElse(false));
  }

  /** The manage link of a subscription (shown after confirming). */
  public String manageUrl(String id) {
    return links.manageUrl(id);
  }

  /** The unsubscribe link of a subscription. */
  public String unsubscribeUrl(String id) {
    return links.unsubscribeUrl(id);
  }

  /** Deletes pending subscriptions whose link expired, and stale tokens; how many subscriptions went. */
  public Future<Integer> purgeExpired() {
    return storage.call(store -> repository.purgeExpired(clock.instant()));
  }

  // --- what a node admin sees ---

  /** Every scope with subscriptions, with its count of confirmed subscribers. */
  public Future<List<ScopeCount>> scopes() {
    return storage.call(store -> repository.scopes().stream()
        .map(s -> new ScopeCount(s, repository.countConfirmed(s))).toList());
  }

  /** A page of a scope's subscriptions (pending too), in address order after {@code afterEmail}. */
  public Future<List<Subscription>> list(String scope, String afterEmail, int limit) {
    return storage.call(store -> repository.byAddress(scope, afterEmail, Math.min(Math.max(limit, 1), 1000)));
  }

  /** A scope's subscriptions as CSV (every one, read page by page). */
  public Future<String> exportCsv(String scope) {
    return storage.call(store -> {
      StringBuilder csv = new StringBuilder(SubscriptionCsv.HEADER);
      String after = null;
      while (true) {
        List<Subscription> page = repository.byAddress(scope, after, 500);
        page.forEach(s -> SubscriptionCsv.row(csv, s));
        if (page.size() < 500) {
          return csv.toString();
        }
        after = page.get(page.size() - 1).email();
      }
    });
  }

  /** Deletes one subscription (an admin); false when there was none. */
  public Future<Boolean> delete(String id) {
    return storage.call(store -> repository.find(id).map(sub -> {
      repository.delete(sub);
      return true;
    }).orElse(false));
  }

  // --- checks ---

  /** The choices as this scope takes them: cities only for the national scope; a known language. */
  private Choices shape(String scope, Choices c) {
    String locale = Subscription.LOCALES.contains(c.locale()) ? c.locale() : "fr";
    boolean national = scope != null && scope.equals(nationalScope);
    if (!national || c.cities().size() > MAX_CITIES) {
      if (national) {
        throw NodeError.invalid("cities", "too many cities: choose none for all of them");
      }
      return new Choices(locale, c.frequency(), c.eventsOnly(), Set.of());
    }
    return new Choices(locale, c.frequency(), c.eventsOnly(), c.cities());
  }

  private Future<Void> checkCities(String scope, Choices c) {
    if (c.cities().isEmpty() || !scope.equals(nationalScope)) {
      return Future.succeededFuture();
    }
    return cities.get().compose(known -> known.containsAll(c.cities()) ? Future.<Void>succeededFuture()
        : Future.failedFuture(NodeError.invalid("cities", "not a city of this node")));
  }

  private static NodeError unavailable() {
    return NodeError.missing("subscriptions by email are not offered on this node");
  }

  /** Subscription requests count for the whole node, whichever process saw them (several processes on PostgreSQL). */
  public void shareLimits(org.coordo.storage.CacheEvents events) {
    perClient.share(events, "limit-subscribe-client");
    perAddress.share(events, "limit-subscribe-address");
  }
}
