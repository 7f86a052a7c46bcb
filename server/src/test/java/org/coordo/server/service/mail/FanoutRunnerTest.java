package org.coordo.server.service.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.coordo.federation.Uris;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.convert.DigestMailConverter;
import org.coordo.server.convert.MailItemConverter;
import org.coordo.server.convert.PublicationMailConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.account.CollectiveRepository;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.data.mail.FanoutRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.domain.account.Collective;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.server.web.Messages;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out of publication mails on a real store: the jobs the write hook leaves in a change's batch,
 * run page by page against subscribers in memory, with a recording mail queue.
 */
class FanoutRunnerTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  @TempDir Path dir;
  RocksKvStore store;
  PublicationRepository publications;
  AggregationRepository aggregation;
  FanoutRepository fanout;
  final MemorySubscribers subscribers = new MemorySubscribers();
  final CollectingMailQueue mail = new CollectingMailQueue();
  PublicationMails hook;
  Digests digests;
  FanoutRunner runner;

  @BeforeEach
  void open() {
    store = TestStores.openRocks(dir, StorageSchema.options());
    publications = new PublicationRepository(store);
    aggregation = new AggregationRepository(store);
    fanout = new FanoutRepository(store);
    CollectiveRepository collectives = new CollectiveRepository(store);
    try (KvBatch batch = store.newBatch()) {
      collectives.put(batch, new Collective("grenoble", "Collectif de Grenoble", "", "", NOW));
      collectives.put(batch, new Collective("national", "Coordination nationale", "", "", NOW));
      store.write(batch, Durability.SYNC);
    }
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    hook = new PublicationMails(mail, fanout, clock, "national");
    aggregation.onWrite(hook);
    runner = runner(500);
  }

  FanoutRunner runner(int pageSize) {
    PublicationUris uris = new PublicationUris(new Uris(URI.create("https://grenoble.example")));
    FanoutSources sources = new FanoutSources(publications, aggregation, new CollectiveRepository(store),
        new MailItemConverter(uris), "national");
    PublicationMailConverter mails = new PublicationMailConverter(Messages.load(), new IcsWriter("t"), "Coordo");
    digests = new Digests(store, fanout, sources, DigestSchedule.defaults(PARIS), new DigestMailConverter(mails));
    return new FanoutRunner(store, fanout, subscribers, mail, sources, mails, digests, "grenoble.example", pageSize);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Subscriber sub(String id, String scope, MailFrequency f, boolean eventsOnly, Set<String> cities) {
    return new Subscriber(id, id + "@example.org", scope, id.endsWith("e") ? Locale.ENGLISH : Locale.FRENCH, f,
        eventsOnly, cities, "https://h/manage/" + id, "https://h/unsubscribe/" + id);
  }

  static Publication event(String id, PublicationState state, EventStatus status, Instant start, Instant updated) {
    return new Publication(id, "grenoble", PublicationKind.EVENT, state, "camille", "Réunion " + id, null, "x",
        "<p>Ordre du jour</p>", "fr", NOW, state == PublicationState.DRAFT ? null : NOW, updated, null, List.of(), null,
        new EventDetails(start, null, PARIS, new EventLocation("Bourse du travail", null, null, null, null, null),
            status, null));
  }

  static Publication call(String id, PublicationState state) {
    return new Publication(id, "grenoble", PublicationKind.CALL, state, "camille", "Appel " + id, null, "x",
        "<p>Tous en grève</p>", "fr", NOW, state == PublicationState.DRAFT ? null : NOW, null, null, List.of(), null, null);
  }

  /** What PublicationService does: the record and the hook's writes in one batch. */
  void write(Publication next, Publication previous) {
    try (KvBatch batch = store.newBatch()) {
      publications.put(batch, next, previous);
      hook.written(batch, next, previous);
      store.write(batch, Durability.SYNC);
    }
  }

  @Test
  void aPublicationGoesOncePagedToEachSubscriberWhoWantsItAndNobodyElse() {
    for (int i = 0; i < 1200; i++) {
      subscribers.add(sub(String.format("s%05d", i), "grenoble", MailFrequency.EACH, false, Set.of()));
    }
    subscribers.add(sub("weekly", "grenoble", MailFrequency.WEEKLY, false, Set.of()));
    subscribers.add(sub("eventsonly", "grenoble", MailFrequency.EACH, true, Set.of()));
    subscribers.add(sub("bounce", "grenoble", MailFrequency.EACH, false, Set.of()));
    subscribers.add(sub("other", "lyon", MailFrequency.EACH, false, Set.of()));
    mail.bouncing.add("bounce@example.org");
    Publication draft = call("c1", PublicationState.DRAFT);
    write(draft, null);
    assertEquals(0, runner.drain(NOW), "a draft makes no job");
    write(draft.withState(PublicationState.PUBLISHED).withTimes(NOW, null, null), draft);

    assertEquals(3, runner.drain(NOW), "1,204 subscribers of grenoble: three pages of 500");
    assertEquals(1200, mail.mails.size());
    assertEquals(1200, mail.mails.stream().map(OutgoingMail::to).distinct().count());
    assertEquals(List.of(), mail.to("weekly@example.org"));
    assertEquals(List.of(), mail.to("eventsonly@example.org"), "events only: no call");
    assertEquals(List.of(), mail.to("bounce@example.org"));
    assertEquals(List.of(), mail.to("other@example.org"));
    OutgoingMail one = mail.to("s00007@example.org").get(0);
    assertEquals("Coordo — Collectif de Grenoble", one.fromName());
    assertEquals("publication", one.kind());
    assertTrue(one.messageId().startsWith("pub.") && one.messageId().endsWith(".s00007@grenoble.example"));
    assertEquals(0, runner.drain(NOW), "nothing left");
  }

  @Test
  void anInterruptedFanOutResumesAfterItsLastPageWithoutSendingTwice() {
    for (int i = 0; i < 1100; i++) {
      subscribers.add(sub(String.format("s%05d", i), "grenoble", MailFrequency.EACH, false, Set.of()));
    }
    write(event("e1", PublicationState.PUBLISHED, EventStatus.Scheduled, NOW.plusSeconds(86400), null), null);
    assertTrue(runner.step(NOW));
    assertEquals(500, mail.mails.size());
    // The process dies here: its claimed job stays leased. A new run releases it and goes on from the cursor.
    FanoutRunner restarted = runner(500);
    restarted.start(NOW);
    assertEquals(2, restarted.drain(NOW));
    assertEquals(1100, mail.mails.size());
    assertEquals(1100, mail.mails.stream().map(OutgoingMail::to).distinct().count());
  }

  @Test
  void aCancellationReachesExactlyThoseWhoGotTheOriginalInReplyToIt() {
    subscribers.add(sub("a", "grenoble", MailFrequency.EACH, false, Set.of()));
    subscribers.add(sub("be", "grenoble", MailFrequency.EACH, true, Set.of()));
    subscribers.add(sub("weekly", "grenoble", MailFrequency.WEEKLY, false, Set.of()));
    Publication e1 = event("e1", PublicationState.PUBLISHED, EventStatus.Scheduled, NOW.plusSeconds(86400), null);
    write(e1, null);
    runner.drain(NOW);
    subscribers.add(sub("late", "grenoble", MailFrequency.EACH, false, Set.of()));
    assertEquals(2, mail.mails.size());
    String originalOfA = mail.to("a@example.org").get(0).messageId();

    write(e1.withTimes(NOW, NOW.plusSeconds(60), null), e1); // an edit that moves nothing
    assertEquals(0, runner.drain(NOW), "no correction for an edit of the text");
    Publication cancelled = e1.withEvent(e1.event().withStatus(EventStatus.Cancelled)).withTimes(NOW,
        NOW.plusSeconds(120), null);
    write(cancelled, e1);
    runner.drain(NOW);
    List<OutgoingMail> corrections = mail.mails.stream().filter(m -> m.kind().equals("correction")).toList();
    assertEquals(Set.of("a@example.org", "be@example.org"),
        new HashSet<>(corrections.stream().map(OutgoingMail::to).toList()));
    OutgoingMail toA = mail.to("a@example.org").get(1);
    assertEquals(originalOfA, toA.inReplyTo());
    assertTrue(toA.subject().startsWith("Annulé : "), toA.subject());
    assertTrue(mail.to("be@example.org").get(1).subject().startsWith("Cancelled: "));
  }

  @Test
  void aMovedEventSendsAChangeAndNothingGoesOutWhenMailIsOff() {
    subscribers.add(sub("a", "grenoble", MailFrequency.EACH, false, Set.of()));
    Publication e1 = event("e1", PublicationState.PUBLISHED, EventStatus.Scheduled, NOW.plusSeconds(86400), null);
    write(e1, null);
    runner.drain(NOW);
    Publication moved = e1.withEvent(new EventDetails(NOW.plusSeconds(2 * 86400), null, PARIS,
        e1.event().location(), EventStatus.Scheduled, null)).withTimes(NOW, NOW.plusSeconds(30), null);
    write(moved, e1);
    runner.drain(NOW);
    assertEquals(List.of("publication", "correction"), mail.to("a@example.org").stream().map(OutgoingMail::kind).toList());
    assertTrue(mail.to("a@example.org").get(1).subject().startsWith("Changement : "));

    mail.enabled = false;
    write(call("c2", PublicationState.PUBLISHED), null);
    assertEquals(0, runner.drain(NOW));
  }

  @Test
  void theWeeklyDigestGoesOnceAWeekToWeeklySubscribersOnly() {
    subscribers.add(sub("a", "grenoble", MailFrequency.EACH, false, Set.of()));
    subscribers.add(sub("w", "grenoble", MailFrequency.WEEKLY, false, Set.of()));
    subscribers.add(sub("we", "grenoble", MailFrequency.WEEKLY, true, Set.of()));
    write(call("c1", PublicationState.PUBLISHED), null);
    write(event("e1", PublicationState.PUBLISHED, EventStatus.Scheduled, NOW.plusSeconds(10 * 86400), null), null);
    runner.start(NOW);
    runner.drain(NOW);
    int each = mail.mails.size();
    assertEquals(2, each, "two publication mails to the one subscriber who takes each");

    Instant monday = DigestSchedule.defaults(PARIS).next(NOW);
    assertEquals(Instant.parse("2026-03-16T07:00:00Z"), monday, "Monday 08:00 in Paris");
    runner.drain(monday);
    digests.runNow(monday); // asked again for the same week (a restart, an admin): nothing more
    runner.drain(monday.plusSeconds(5));
    List<OutgoingMail> digestsSent = mail.mails.stream().filter(m -> m.kind().equals("digest")).toList();
    assertEquals(2, digestsSent.size(), digestsSent.toString());
    String forW = mail.to("w@example.org").get(0).text();
    assertTrue(forW.contains("Réunion e1") && forW.contains("Appel c1"), forW);
    assertTrue(forW.indexOf("Réunion e1") < forW.indexOf("Appel c1"), "upcoming events first");
    String forWe = mail.to("we@example.org").get(0).text();
    assertTrue(forWe.contains("Réunion e1") && !forWe.contains("Appel c1"), forWe);
    assertEquals(0, mail.to("a@example.org").stream().filter(m -> m.kind().equals("digest")).count());
    assertTrue(fanout.nextDigestJob().flatMap(id -> fanout.queue().find(id)).isPresent(), "the next week is scheduled");
  }

  @Test
  void aNationalNodeMailsReceivedItemsByCityAndSkipsWhatABackfillBringsFromThePast() {
    subscribers.add(sub("all", "national", MailFrequency.EACH, false, Set.of()));
    subscribers.add(sub("lyon", "national", MailFrequency.EACH, false, Set.of("lyon")));
    subscribers.add(sub("grenoble", "national", MailFrequency.EACH, false, Set.of("grenoble")));
    subscribers.add(sub("events", "national", MailFrequency.EACH, true, Set.of()));
    aggregation.upsert(item("https://lyon.example/e/1", AggregatedKind.EVENT, "lyon", NOW.minusSeconds(60)));
    aggregation.upsert(item("https://lyon.example/c/1", AggregatedKind.CALL, "lyon", NOW.minusSeconds(60)));
    aggregation.upsert(item("https://lyon.example/c/old", AggregatedKind.CALL, "lyon", NOW.minusSeconds(40 * 86400)));
    runner.drain(NOW);
    assertEquals(2, mail.to("all@example.org").size());
    assertEquals(2, mail.to("lyon@example.org").size());
    assertEquals(List.of(), mail.to("grenoble@example.org"));
    assertEquals(1, mail.to("events@example.org").size());
    OutgoingMail m = mail.to("events@example.org").get(0);
    assertTrue(m.text().contains("Publié par Lyon en lutte"), m.text());
    assertEquals("Coordo — Coordination nationale", m.fromName());
  }

  static AggregatedItem item(String id, AggregatedKind kind, String city, Instant published) {
    AggregatedEvent event = kind == AggregatedKind.EVENT ? new AggregatedEvent(NOW.plusSeconds(3 * 86400), null,
        "Europe/Paris", "Place Bellecour", null, null, null, "Scheduled", null) : null;
    return new AggregatedItem(id, kind, city, "Lyon en lutte", "lyon.example", "https://lyon.example/users/" + city,
        "Titre " + id, null, "<p>Texte</p>", id, published, null, 0, event, NOW);
  }
}
