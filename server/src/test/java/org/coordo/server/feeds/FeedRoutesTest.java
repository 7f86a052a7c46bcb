package org.coordo.server.feeds;

import org.coordo.server.text.TextWork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.coordo.federation.Uris;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/** The feed routes over real RocksDB and real HTTP on 127.0.0.1. */
class FeedRoutesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @TempDir Path dir;
  private Vertx vertx;
  private KvStore store;
  private WorkerExecutor worker;
  private Publishing publishing;
  private WebClient client;
  private String base;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = TestStores.openRocks(dir.resolve("db"), PublicationKeyspaces.ALL.toArray(String[]::new));
    worker = vertx.createSharedWorkerExecutor("test-feeds");
    StoreCalls calls = new StoreCalls() {
      @Override
      public <T> Future<T> call(Function<KvStore, T> work) {
        return worker.executeBlocking(() -> work.apply(store), false);
      }
    };
    Router router = Router.router(vertx);
    router.route().failureHandler(new ErrorResponses(1 << 20));
    int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    base = "http://127.0.0.1:" + port;
    MutableClock clock = new MutableClock(T0);
    publishing = new Publishing(store, calls, (actor, activity, also) -> Future.failedFuture("no federation here"),
        new Uris(URI.create(base)), clock, new TimeSortableIds(clock), dir.resolve("media"), 1024,
        org.coordo.server.text.TextWork.inline());
    new FeedRoutes(publishing.service, publishing.uris, vertx.createSharedWorkerExecutor("test-feeds-render"), "9.9.9",
        "fr", NAMES).mount(router);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close());
    store.close();
  }

  private void put(Publication... publications) {
    await(worker.executeBlocking(() -> {
      try (KvBatch batch = store.newBatch()) {
        for (Publication p : publications) {
          publishing.publications.put(batch, p, null);
        }
        store.write(batch, Durability.SYNC);
      }
      return null;
    }, false));
  }

  private static Publication call(String id, String title, Instant published) {
    return new Publication(id, "grenoble", PublicationKind.CALL, PublicationState.PUBLISHED, "camille", title, null,
        title, "<p>" + title + "</p>", "fr", published, published, null, null, List.of(), null, null);
  }

  private static Publication event(String id, String title, Instant start, EventStatus status, EventCategory cat,
      Instant updated) {
    return new Publication(id, "grenoble", PublicationKind.EVENT, PublicationState.PUBLISHED, "camille", title, null,
        title, "<p>" + title + "</p>", "fr", T0, T0, updated, null, List.of(), null,
        new EventDetails(start, start.plusSeconds(7200), PARIS, new EventLocation("Place Grenette", null, null, null,
            null, null), status, cat));
  }

  private HttpResponse<Buffer> get(String path, String ifNoneMatch) {
    var request = client.getAbs(base + path);
    if (ifNoneMatch != null) {
      request.putHeader("If-None-Match", ifNoneMatch);
    }
    return await(request.send());
  }

  private static SyndFeed parse(HttpResponse<Buffer> r) throws Exception {
    return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(r.bodyAsBuffer().getBytes())));
  }

  /** What the accounts would say: grenoble's display name, camille's display name. */
  static final FeedNames NAMES = new FeedNames() {
    @Override
    public Future<String> collective(String name) {
      return Future.succeededFuture(name.equals("grenoble") ? "Collectif de Grenoble" : name);
    }

    @Override
    public Future<java.util.Map<String, String>> people(java.util.Collection<String> usernames) {
      return Future.succeededFuture(java.util.Map.of("camille", "Camille Dupont"));
    }
  };

  @Test
  void feedsAreTitledWithTheCollectivesNameAndSignedWithDisplayNames() throws Exception {
    put(call("01a", "Premier appel", T0));
    SyndFeed rss = parse(get("/collectives/grenoble/calls.rss", null));
    assertEquals("Collectif de Grenoble : appels", rss.getTitle().substring(0, "Collectif de Grenoble : appels".length()));
    assertEquals("Camille Dupont", rss.getEntries().get(0).getAuthor());
    SyndFeed atom = parse(get("/collectives/grenoble/calls.atom", null));
    assertTrue(atom.getTitle().startsWith("Collectif de Grenoble"), atom.getTitle());
    assertEquals("Camille Dupont", atom.getEntries().get(0).getAuthors().get(0).getName());
    assertTrue(get("/collectives/grenoble/events.ics", null).bodyAsString().contains("X-WR-CALNAME:Collectif de Grenoble"));
  }

  @Test
  void callsFeedsListPublishedCallsNewestFirstWithTheirIds() throws Exception {
    put(call("01a", "Premier appel", T0), call("01b", "Second appel", T0.plusSeconds(3600)),
        call("01c", "Brouillon", T0.plusSeconds(7200)).withState(PublicationState.DRAFT));
    HttpResponse<Buffer> rss = get("/collectives/grenoble/calls.rss", null);
    assertEquals(200, rss.statusCode());
    assertEquals("application/rss+xml; charset=utf-8", rss.getHeader("Content-Type"));
    SyndFeed feed = parse(rss);
    assertEquals(List.of("Second appel", "Premier appel"), feed.getEntries().stream().map(SyndEntry::getTitle).toList());
    assertEquals(base + "/collectives/grenoble/calls/01b", feed.getEntries().get(0).getUri());

    HttpResponse<Buffer> atom = get("/collectives/grenoble/calls.atom?limit=1", null);
    SyndFeed atomFeed = parse(atom);
    assertEquals(1, atomFeed.getEntries().size());
    assertEquals(base + "/collectives/grenoble/calls.atom?limit=1", atomFeed.getUri());
    assertEquals(304, get("/collectives/grenoble/calls.atom?limit=1", atom.getHeader("ETag")).statusCode());
  }

  @Test
  void calendarHasEventsByStartWithStatusAndFilters() throws Exception {
    put(event("01e", "Assemblée", Instant.parse("2026-03-20T18:00:00Z"), EventStatus.Scheduled, EventCategory.MEETING,
            null),
        event("01f", "Concert annulé", Instant.parse("2026-03-10T19:00:00Z"), EventStatus.Cancelled,
            EventCategory.PARTY, T0.plusSeconds(600)));
    HttpResponse<Buffer> r = get("/collectives/grenoble/events.ics", null);
    assertEquals(200, r.statusCode());
    assertEquals("text/calendar; charset=utf-8", r.getHeader("Content-Type"));
    assertEquals("public, max-age=300", r.getHeader("Cache-Control"));
    Calendar cal = new CalendarBuilder().build(new StringReader(r.bodyAsString()));
    List<VEvent> events = cal.getComponents("VEVENT");
    assertEquals(List.of(base + "/collectives/grenoble/events/01f", base + "/collectives/grenoble/events/01e"),
        events.stream().map(e -> e.getProperty("UID").orElseThrow().getValue()).toList());
    assertEquals("CANCELLED", events.get(0).getProperty("STATUS").orElseThrow().getValue());
    assertEquals("600", events.get(0).getProperty("SEQUENCE").orElseThrow().getValue());
    assertEquals(1, cal.getComponents("VTIMEZONE").size());

    Calendar meetings = new CalendarBuilder().build(new StringReader(
        get("/collectives/grenoble/events.ics?category=meeting&from=2026-03-15", null).bodyAsString()));
    assertEquals(1, meetings.getComponents("VEVENT").size());
    VEvent meeting = (VEvent) meetings.getComponents("VEVENT").get(0);
    assertEquals("Réunion", meeting.getProperty("CATEGORIES").orElseThrow().getValue(),
        "calendar apps show the category's name, not MEETING");

    HttpResponse<Buffer> bad = get("/collectives/grenoble/events.ics?from=notadate", null);
    assertEquals(400, bad.statusCode());
    assertEquals("from: expected a date like 2026-03-14", bad.bodyAsJsonObject().getString("error"));
  }

  @Test
  void oneEventIsAnIcsFileAndUnknownOnesAre404() throws Exception {
    put(event("01e", "Assemblée", Instant.parse("2026-03-20T18:00:00Z"), EventStatus.Scheduled, null, null));
    HttpResponse<Buffer> r = get("/collectives/grenoble/events/01e/event.ics", null);
    assertEquals(200, r.statusCode());
    assertEquals("inline; filename=\"01e.ics\"", r.getHeader("Content-Disposition"));
    Calendar cal = new CalendarBuilder().build(new StringReader(r.bodyAsString()));
    VEvent e = cal.<VEvent>getComponents("VEVENT").get(0);
    assertEquals("Assemblée", e.getProperty("SUMMARY").orElseThrow().getValue());
    assertTrue(r.bodyAsString().contains("DTSTART;TZID=Europe/Paris:20260320T190000\r\n"));
    assertNull(cal.getProperty("X-WR-CALNAME").orElse(null));

    assertEquals(404, get("/collectives/grenoble/events/01zz/event.ics", null).statusCode());
    assertEquals(404, get("/collectives/Bad%20Name/events.ics", null).statusCode());
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
