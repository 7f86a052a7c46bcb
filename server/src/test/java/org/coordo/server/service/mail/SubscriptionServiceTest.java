package org.coordo.server.service.mail;

import static org.coordo.server.service.account.AccountsFixture.await;
import static org.coordo.server.service.account.AccountsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.mail.SubscriptionKeyspaces;
import org.coordo.server.data.mail.SubscriptionRepository;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.domain.mail.Subscription.Choices;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.server.service.mail.SubscriptionService.LinkState;
import org.coordo.storage.Keys;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionServiceTest {
  static final Pattern CONFIRM = Pattern.compile("https://coordo\\.test/subscriptions/confirm/([A-Za-z0-9_-]{43})");
  static final Choices EACH_ALL = new Choices("fr", MailFrequency.EACH, false, Set.of());

  @TempDir Path dir;
  final MutableClock clock = MutableClock.fixed();
  final Vertx vertx = Vertx.vertx();
  final RecordingMailQueue mail = new RecordingMailQueue();
  RocksKvStore store;
  WorkerExecutor worker;
  SubscriptionRepository repository;
  SubscriptionService service;

  @BeforeEach
  void setUp() {
    store = RocksKvStore.open(dir.resolve("db"), StorageSchema.options());
    worker = vertx.createSharedWorkerExecutor("subs-test", 2);
    repository = new SubscriptionRepository(store);
    service = service(SubscriptionService.Settings.defaults());
  }

  SubscriptionService service(SubscriptionService.Settings settings) {
    return new SubscriptionService(StoreCalls.on(store, worker), repository, mail,
        new SubscriptionLinks(URI.create("https://coordo.test/"), repository.linkSecret()), clock,
        new TimeSortableIds(clock), settings, "Coordo test",
        scope -> Future.succeededFuture(Set.of("lyon", "national").contains(scope)
            ? Optional.of(scope.equals("lyon") ? "Collectif de Lyon" : "Coordination nationale") : Optional.empty()),
        "national", () -> Future.succeededFuture(Set.of("lyon", "grenoble", "nantes")));
  }

  @AfterEach
  void tearDown() {
    worker.close();
    store.close();
    await(vertx.close());
  }

  String confirmToken(OutgoingMail m) {
    Matcher matcher = CONFIRM.matcher(m.text());
    assertTrue(matcher.find(), m.text());
    return matcher.group(1);
  }

  @Test
  void subscribeSendsOneConfirmationAndNothingIsListedBeforeItIsFollowed() {
    await(service.subscribe("  Alice@Example.ORG ", "lyon", EACH_ALL, "10.0.0.1"));
    assertEquals(1, mail.sent.size());
    OutgoingMail m = mail.sent.get(0);
    assertEquals("alice@example.org", m.to());
    assertEquals("confirm", m.kind());
    assertNull(m.unsubscribeUrl());
    assertTrue(m.subject().contains("Collectif de Lyon"), m.subject());
    assertTrue(service.subscribers().confirmed("lyon", null, 10).isEmpty());

    String token = confirmToken(m);
    assertEquals(LinkState.VALID, await(service.confirmation(token)).state());
    assertTrue(service.subscribers().confirmed("lyon", null, 10).isEmpty(), "looking at the link confirms nothing");

    Subscription confirmed = await(service.confirm(token)).subscription();
    assertTrue(confirmed.isConfirmed());
    List<Subscriber> listed = service.subscribers().confirmed("lyon", null, 10);
    assertEquals(1, listed.size());
    Subscriber s = listed.get(0);
    assertEquals("alice@example.org", s.email());
    assertEquals(MailFrequency.EACH, s.frequency());
    assertTrue(s.manageUrl().startsWith("https://coordo.test/subscriptions/manage/" + s.id() + "/"), s.manageUrl());
    assertTrue(s.unsubscribeUrl().startsWith("https://coordo.test/subscriptions/unsubscribe/" + s.id() + "/"));
    assertEquals(Optional.of(s), service.subscribers().find(s.id()));
  }

  @Test
  void aConfirmationLinkWorksOnce() {
    await(service.subscribe("bob@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    String token = confirmToken(mail.sent.get(0));
    assertEquals(LinkState.VALID, await(service.confirm(token)).state());
    assertEquals(LinkState.USED, await(service.confirm(token)).state());
    assertEquals(LinkState.USED, await(service.confirmation(token)).state());
    assertEquals(1, service.subscribers().confirmed("lyon", null, 10).size());
  }

  @Test
  void anExpiredConfirmationLinkIsRefusedAndThePendingSubscriptionPurged() {
    await(service.subscribe("carol@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    String token = confirmToken(mail.sent.get(0));
    clock.advance(Duration.ofHours(48).plusSeconds(1));
    assertEquals(LinkState.EXPIRED, await(service.confirm(token)).state());
    assertTrue(service.subscribers().confirmed("lyon", null, 10).isEmpty());
    assertEquals(1, await(service.purgeExpired()));
    assertTrue(repository.findByAddress("lyon", "carol@example.org").isEmpty());
    assertEquals(LinkState.UNKNOWN, await(service.confirm(token)).state());
    assertEquals(0, store.keyspace(SubscriptionKeyspaces.TOKENS).count(Keys.empty()) - 1, "only the link secret is left");
  }

  @Test
  void anUnknownOrMalformedLinkIsUnknown() {
    assertEquals(LinkState.UNKNOWN, await(service.confirm("x".repeat(43))).state());
    assertEquals(LinkState.UNKNOWN, await(service.confirmation("../../etc")).state());
  }

  @Test
  void subscribingAgainWhilePendingReplacesTheLinkAndTheChoices() {
    await(service.subscribe("dan@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    String first = confirmToken(mail.sent.get(0));
    await(service.subscribe("dan@example.org", "lyon", new Choices("en", MailFrequency.WEEKLY, true, Set.of()),
        "10.0.0.1"));
    String second = confirmToken(mail.sent.get(1));
    assertEquals(LinkState.UNKNOWN, await(service.confirm(first)).state(), "the first link was replaced");
    Subscription s = await(service.confirm(second)).subscription();
    assertEquals("en", s.locale());
    assertEquals(MailFrequency.WEEKLY, s.frequency());
    assertTrue(s.eventsOnly());
    assertTrue(mail.sent.get(1).subject().startsWith("Confirm"), "in the language chosen");
  }

  @Test
  void anAlreadyConfirmedAddressGetsItsManageLinkAndNoNewConfirmation() {
    await(service.subscribe("eve@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    Subscription s = await(service.confirm(confirmToken(mail.sent.get(0)))).subscription();
    await(service.subscribe("EVE@example.org", "lyon", new Choices("fr", MailFrequency.WEEKLY, true, Set.of()),
        "10.0.0.2"));
    assertEquals(2, mail.sent.size());
    OutgoingMail second = mail.sent.get(1);
    assertEquals("subscription-manage", second.kind());
    assertTrue(second.text().contains(service.manageUrl(s.id())), second.text());
    assertFalse(CONFIRM.matcher(second.text()).find());
    assertEquals(MailFrequency.EACH, repository.find(s.id()).orElseThrow().frequency(), "choices unchanged");
  }

  @Test
  void invalidAddressesAreRefusedAndNothingIsSent() {
    for (String bad : new String[] {"", "alice", "alice@", "@example.org", "alice@example", "a b@example.org",
        "alice@example.org\r\nBcc: x@example.org", "alice@example.org,bob@example.org", "<alice@example.org>",
        "\"a\"@example.org", "alice..b@example.org", "x".repeat(65) + "@example.org",
        "a@" + "b".repeat(250) + ".org"}) {
      assertEquals(422, refused(service.subscribe(bad, "lyon", EACH_ALL, "10.0.0." + bad.length() % 200)).status(),
          bad);
    }
    assertTrue(mail.sent.isEmpty());
  }

  @Test
  void unknownScopeIsNotFound() {
    assertEquals(404, refused(service.subscribe("f@example.org", "nowhere", EACH_ALL, "10.0.0.1")).status());
  }

  @Test
  void nationalSubscribersPickKnownCitiesOnly() {
    Choices two = new Choices("fr", MailFrequency.EACH, true, Set.of("lyon", "nantes"));
    await(service.subscribe("g@example.org", "national", two, "10.0.0.1"));
    Subscription s = await(service.confirm(confirmToken(mail.sent.get(0)))).subscription();
    assertEquals(Set.of("lyon", "nantes"), s.cities());
    assertEquals(Set.of("lyon", "nantes"), service.subscribers().confirmed("national", null, 5).get(0).cities());
    assertEquals(422, refused(service.subscribe("h@example.org", "national",
        new Choices("fr", MailFrequency.EACH, true, Set.of("atlantis")), "10.0.0.1")).status());
    await(service.subscribe("i@example.org", "lyon", two, "10.0.0.1"));
    assertTrue(repository.findByAddress("lyon", "i@example.org").orElseThrow().cities().isEmpty(),
        "a collective's subscribers pick no city");
  }

  @Test
  void formsAreRateLimitedPerClientAndPerAddress() {
    for (int i = 0; i < 3; i++) {
      await(service.subscribe("j@example.org", "lyon", EACH_ALL, "10.0.0." + i));
    }
    assertEquals(429, refused(service.subscribe("j@example.org", "lyon", EACH_ALL, "10.0.0.9")).status());
    for (int i = 0; i < 10; i++) {
      await(service.subscribe("k" + i + "@example.org", "lyon", EACH_ALL, "10.0.1.1"));
    }
    assertEquals(429, refused(service.subscribe("l@example.org", "lyon", EACH_ALL, "10.0.1.1")).status(),
        "10.0.1.1 sends its eleventh form within the hour");
    int sent = mail.sent.size();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    await(service.subscribe("j@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    assertEquals(sent + 1, mail.sent.size());
  }

  @Test
  void confirmedSubscribersPageInIdOrderWithoutPendingOnes() {
    List<String> ids = new java.util.ArrayList<>();
    SubscriptionService roomy = service(new SubscriptionService.Settings(Duration.ofHours(48), 1000, 10,
        Duration.ofHours(1)));
    for (int i = 0; i < 25; i++) {
      clock.advance(Duration.ofMillis(5));
      roomy.subscribe("p" + i + "@example.org", "lyon", EACH_ALL, "10.0.0.1").await();
      if (i % 5 != 0) {
        ids.add(await(roomy.confirm(confirmToken(mail.sent.get(mail.sent.size() - 1)))).subscription().id());
      }
    }
    roomy.subscribe("other@example.org", "national", EACH_ALL, "10.0.0.1").await();
    List<String> paged = new java.util.ArrayList<>();
    String after = null;
    while (true) {
      List<Subscriber> page = roomy.subscribers().confirmed("lyon", after, 7);
      page.forEach(s -> paged.add(s.id()));
      if (page.size() < 7) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    assertEquals(ids, paged);
    assertEquals(ids.stream().sorted().toList(), paged);
  }

  @Test
  void manageLinksChangeChoicesAndUnsubscribeDeletesTheAddress() {
    await(service.subscribe("m@example.org", "national", EACH_ALL, "10.0.0.1"));
    Subscription s = await(service.confirm(confirmToken(mail.sent.get(0)))).subscription();
    String key = service.manageUrl(s.id()).substring(service.manageUrl(s.id()).lastIndexOf('/') + 1);
    assertEquals(404, refused(service.find(s.id(), key.substring(1) + "A")).status());
    Subscription changed = await(service.update(s.id(), key, new Choices("en", MailFrequency.WEEKLY, true,
        Set.of("grenoble"))));
    assertEquals(Set.of("grenoble"), changed.cities());
    assertEquals(404, refused(service.unsubscribe(s.id(), "wrong")).status());
    assertTrue(await(service.unsubscribe(s.id(), key)));
    assertFalse(await(service.unsubscribe(s.id(), key)), "a second click finds nothing, and says so");
    assertTrue(service.subscribers().confirmed("national", null, 10).isEmpty());
    assertTrue(repository.findByAddress("national", "m@example.org").isEmpty());
    assertEquals(0, store.keyspace(SubscriptionKeyspaces.SUBSCRIPTIONS).count(Keys.empty()));
    assertEquals(0, store.keyspace(SubscriptionKeyspaces.ADDRESSES).count(Keys.empty()));
    assertEquals(0, store.keyspace(SubscriptionKeyspaces.CONFIRMED).count(Keys.empty()));
  }

  @Test
  void withMailOffNothingIsOffered() {
    mail.enabled = false;
    assertFalse(service.enabled());
    assertEquals(404, refused(service.subscribe("n@example.org", "lyon", EACH_ALL, "10.0.0.1")).status());
  }

  @Test
  void theAdminExportIsCsvThatNoSpreadsheetReadsAsAFormula() {
    await(service.subscribe("=cmd@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    await(service.subscribe("o@example.org", "lyon", EACH_ALL, "10.0.0.1"));
    await(service.confirm(confirmToken(mail.sent.get(1))));
    String csv = await(service.exportCsv("lyon"));
    String[] lines = csv.split("\r\n");
    assertEquals(3, lines.length, csv);
    assertTrue(lines[1].startsWith("'=cmd@example.org,lyon,pending,fr,each,all,"), lines[1]);
    assertTrue(lines[2].startsWith("o@example.org,lyon,confirmed,"), lines[2]);
    assertEquals(List.of(new SubscriptionService.ScopeCount("lyon", 1)), await(service.scopes()));
  }
}
