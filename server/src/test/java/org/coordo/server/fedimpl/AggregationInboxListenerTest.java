package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.TestNode;
import org.coordo.federation.vocab.As;
import org.coordo.server.data.aggregation.AggregationKeyspaces;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.convert.AggregatedItemConverter;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.text.HtmlSanitizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation listener on real loopback nodes: A hosts the collective "grenoble" and serves
 * its objects, B follows it and indexes; C is a third origin. Activities are handed to the
 * listener as the inbox would (already verified), so that each path and each refusal is shown.
 */
class AggregationInboxListenerTest {
  @TempDir Path dirA;
  @TempDir Path dirB;
  @TempDir Path dirC;
  Vertx vertx;
  TestNode a;
  TestNode b;
  TestNode c;
  AggregationService service;
  AggregationInboxListener listener;
  final Map<String, JsonObject> servedByA = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = TestNode.start(vertx, dirA);
    b = TestNode.start(vertx, dirB, 0, AggregationKeyspaces.ALL, builder -> {});
    c = TestNode.start(vertx, dirC);
    a.router().get("/objects/:id").handler(ctx -> {
      JsonObject doc = servedByA.get(ctx.pathParam("id"));
      if (doc == null) {
        ctx.response().setStatusCode(404).end();
      } else if ("Tombstone".equals(doc.getString("type"))) {
        ctx.response().setStatusCode(410).putHeader("Content-Type", As.CONTENT_TYPE).end(doc.encode());
      } else {
        ctx.response().putHeader("Content-Type", As.CONTENT_TYPE).end(doc.encode());
      }
    });
    a.createActor("grenoble", ActorType.Group, false);
    a.createActor("other", ActorType.Group, false);
    b.createActor("national", ActorType.Group, false);
    AggregationRepository repo = new AggregationRepository(b.store());
    service = new AggregationService(repo, org.coordo.server.data.StoreCalls.on(b.store(), b.federation().internals().worker()),
        new AggregatedItemConverter(new HtmlSanitizer()), Clock.systemUTC(), org.coordo.server.text.TextWork.inline());
    listener = new AggregationInboxListener(b.federation().context(), service);
    Await.result(b.federation().internals().following().follow("national", a.handle("grenoble")));
    Await.until("B follows grenoble", () -> Await.result(b.federation().internals().worker().executeBlocking(
        () -> b.federation().internals().follows().findFollowing("national", a.actorId("grenoble")), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
    c.close();
    Await.result(vertx.close());
  }

  private JsonObject article(String id, String group, String title, String content) {
    String url = a.url() + "/objects/" + id;
    return new JsonObject().put("id", url).put("type", "Article").put("name", title).put("content", content)
        .put("published", "2026-11-20T10:00:00Z").put("attributedTo", new JsonArray().add(group))
        .put("audience", group).put("to", new JsonArray().add(As.PUBLIC)).put("publicationKind", "calls");
  }

  private JsonObject event(String id, String start, String status) {
    String group = a.actorId("grenoble").toString();
    return new JsonObject().put("id", a.url() + "/objects/" + id).put("type", "Event").put("name", "AG " + id)
        .put("published", "2026-11-20T10:00:00Z").put("updated", "2026-11-20T1" + (status.equals("Cancelled") ? "2" : "1") + ":00:00Z")
        .put("startTime", start).put("timezone", "Europe/Paris").put("eventStatus", status).put("category", "MEETING")
        .put("location", new JsonObject().put("type", "Place").put("name", "Maison des associations")
            .put("address", new JsonObject().put("type", "PostalAddress").put("addressLocality", "Grenoble")))
        .put("attributedTo", group).put("audience", group);
  }

  private InboundActivity inbound(String type, URI actor, Object object) {
    JsonObject activity = new JsonObject().put("id", actor + "#" + type + System.nanoTime()).put("type", type)
        .put("actor", actor.toString()).put("object", object);
    return new InboundActivity(activity, type, actor, Set.of("national"), Instant.now());
  }

  private Optional<AggregatedItem> stored(String id) {
    return Await.result(service.find(id));
  }

  @Test
  void plainAnnounceFetchesTheObjectFromItsOriginAndSanitisesIt() {
    String group = a.actorId("grenoble").toString();
    servedByA.put("1", article("1", group, "Appel", "<p>Grève <script>alert(1)</script><a href=\"javascript:x\">ici</a></p>"));
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), a.url() + "/objects/1")));
    AggregatedItem item = stored(a.url() + "/objects/1").orElseThrow();
    assertEquals("grenoble", item.city());
    assertEquals(AggregatedKind.CALL, item.kind());
    assertFalse(item.contentHtml().contains("script"), item.contentHtml());
    assertFalse(item.contentHtml().contains("javascript"), item.contentHtml());
  }

  @Test
  void embeddedContentOfAThirdOriginIsNotTrustedButRefetched() {
    String group = a.actorId("grenoble").toString();
    servedByA.put("2", article("2", group, "Le vrai titre", "vrai"));
    JsonObject forged = article("2", group, "Titre falsifié", "faux");
    JsonObject create = new JsonObject().put("id", c.url() + "/activities/x").put("type", "Create")
        .put("actor", group).put("object", forged);
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), create)));
    assertEquals("Le vrai titre", stored(a.url() + "/objects/2").orElseThrow().name());
  }

  @Test
  void objectsOfUnfollowedCollectivesAndUnverifiableDocumentsAreIgnored() {
    String other = a.actorId("other").toString();
    JsonObject notFollowed = article("3", other, "Pas suivi", "x");
    Await.result(listener.onCreateOrUpdate(inbound("Create", a.actorId("other"), notFollowed)));
    assertTrue(stored(notFollowed.getString("id")).isEmpty());

    // A serves a document under another id than the one announced
    String group = a.actorId("grenoble").toString();
    servedByA.put("4", article("5", group, "Mauvais id", "x"));
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), a.url() + "/objects/4")));
    assertTrue(stored(a.url() + "/objects/4").isEmpty());
    assertTrue(stored(a.url() + "/objects/5").isEmpty());

    // a Create claiming the group as audience, but the object lives on another origin
    JsonObject foreign = article("6", group, "Ailleurs", "x").put("id", c.url() + "/objects/6");
    Await.result(listener.onCreateOrUpdate(inbound("Create", c.url().resolve("/actors/x"), foreign)));
    assertTrue(stored(c.url() + "/objects/6").isEmpty());
  }

  @Test
  void sameObjectByEveryPathIsStoredOnceAndUpdatesBumpTheSequence() {
    String group = a.actorId("grenoble").toString();
    JsonObject ev = event("7", "2030-03-16T18:00:00+01:00", "Scheduled");
    servedByA.put("7", ev);
    JsonObject create = new JsonObject().put("id", a.url() + "/activities/c7").put("type", "Create")
        .put("actor", group).put("object", ev);
    Await.result(listener.onCreateOrUpdate(inbound("Create", a.actorId("grenoble"), ev)));
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), create)));
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), ev.getString("id"))));
    AggregatedItem once = stored(ev.getString("id")).orElseThrow();
    assertEquals(0, once.sequence());
    assertEquals("Maison des associations, Grenoble", once.event().location());
    List<AggregatedItem> agenda = Await.result(service.agenda(null, null, null, null, null, 10)).items();
    assertEquals(1, agenda.size());

    JsonObject cancelled = event("7", "2030-03-17T18:00:00+01:00", "Cancelled");
    servedByA.put("7", cancelled);
    Await.result(listener.onCreateOrUpdate(inbound("Update", a.actorId("grenoble"), cancelled)));
    AggregatedItem updated = stored(ev.getString("id")).orElseThrow();
    assertEquals(1, updated.sequence());
    assertTrue(updated.event().isCancelled());
    // an older copy arriving late does not win
    Await.result(listener.onCreateOrUpdate(inbound("Create", a.actorId("grenoble"), ev)));
    assertTrue(stored(ev.getString("id")).orElseThrow().event().isCancelled());
    assertEquals(1, Await.result(service.agenda(null, "MEETING", Instant.parse("2030-03-17T00:00:00Z"), null, null, 10))
        .items().size(), "the start-time index moved with the update");
    assertTrue(Await.result(service.agenda(null, null, null, Instant.parse("2030-03-17T00:00:00Z"), null, 10))
        .items().isEmpty());

    // delete: out of every index, and an Announce afterwards does not bring it back
    Await.result(listener.onDelete(inbound("Delete", a.actorId("grenoble"),
        new JsonObject().put("id", ev.getString("id")).put("type", "Tombstone"))));
    assertTrue(stored(ev.getString("id")).isEmpty());
    assertTrue(Await.result(service.agenda(null, null, null, null, null, 10)).items().isEmpty());
    assertTrue(Await.result(service.latest(null, "grenoble", null, 10)).items().isEmpty());
    Await.result(listener.onCreateOrUpdate(inbound("Create", a.actorId("grenoble"), ev)));
    assertTrue(stored(ev.getString("id")).isEmpty());
  }

  @Test
  void anAnnouncedActivityUriLeadsToItsObject() {
    String group = a.actorId("grenoble").toString();
    JsonObject object = article("10", group, "Par l'activité", "x");
    servedByA.put("act10", new JsonObject().put("id", a.url() + "/objects/act10").put("type", "Create")
        .put("actor", group).put("object", object));
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), a.url() + "/objects/act10")));
    assertEquals("Par l'activité", stored(object.getString("id")).orElseThrow().name());
    assertTrue(stored(a.url() + "/objects/act10").isEmpty());
  }

  @Test
  void aRefetchAnswering410RemovesTheObject() {
    String group = a.actorId("grenoble").toString();
    servedByA.put("8", article("8", group, "Bientôt supprimé", "x"));
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), a.url() + "/objects/8")));
    assertTrue(stored(a.url() + "/objects/8").isPresent());
    servedByA.put("8", new JsonObject().put("id", a.url() + "/objects/8").put("type", "Tombstone"));
    JsonObject delete = new JsonObject().put("id", c.url() + "/activities/d8").put("type", "Delete")
        .put("actor", group).put("object", a.url() + "/objects/8");
    Await.result(listener.onAnnounce(inbound("Announce", a.actorId("grenoble"), delete)));
    assertTrue(stored(a.url() + "/objects/8").isEmpty());
  }
}
