package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SignedPoster;
import org.coordo.federation.testkit.TestNode;
import org.coordo.federation.vocab.As;
import org.coordo.server.data.aggregation.AggregationKeyspaces;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.convert.AggregatedItemConverter;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.text.HtmlSanitizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may file what in the national agenda, over real signed requests: node A is ONE server hosting the
 * collectives "grenoble" and "echirolles" (both followed by the national node B) and the person
 * "mallory". Every activity is signed with its sender's own key and POSTed to B's inbox, which fetches
 * the keys from A; B's aggregation listener is registered as in the node. Being of the collective's
 * origin gives no right over its events: only the collective itself creates, updates or deletes them.
 */
class AggregationOwnershipTest {
  @TempDir Path dirA;
  @TempDir Path dirB;
  Vertx vertx;
  TestNode a;
  TestNode b;
  AggregationService service;
  SignedPoster poster;
  final Map<String, JsonObject> servedByA = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = TestNode.start(vertx, dirA);
    b = TestNode.start(vertx, dirB, 0, AggregationKeyspaces.ALL, builder -> {});
    a.router().get("/objects/:id").handler(ctx -> {
      JsonObject doc = servedByA.get(ctx.pathParam("id"));
      if (doc == null) {
        ctx.response().setStatusCode(404).end();
      } else {
        ctx.response().putHeader("Content-Type", As.CONTENT_TYPE).end(doc.encode());
      }
    });
    a.createActor("grenoble", ActorType.Group, false);
    a.createActor("echirolles", ActorType.Group, false);
    a.createActor("mallory", ActorType.Person, false);
    b.createActor("national", ActorType.Group, false);
    service = new AggregationService(new AggregationRepository(b.store()), org.coordo.server.data.StoreCalls.on(b.store(), b.federation().internals().worker()),
        new AggregatedItemConverter(new HtmlSanitizer()), Clock.systemUTC(), org.coordo.server.text.TextWork.inline());
    new AggregationInboxListener(b.federation().context(), service).register(b.federation().internals().listeners()::on);
    for (String city : new String[] {"grenoble", "echirolles"}) {
      Await.result(b.federation().internals().following().follow("national", a.handle(city)));
      Await.until("B follows " + city, () -> Await.result(b.federation().internals().worker().executeBlocking(
          () -> b.federation().internals().follows().findFollowing("national", a.actorId(city)), false))
          .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
    }
    poster = new SignedPoster(vertx);
  }

  @AfterEach
  void tearDown() {
    poster.close();
    a.close();
    b.close();
    Await.result(vertx.close());
  }

  private String objectId(String n) {
    return a.url() + "/objects/" + n;
  }

  /** An event of A; {@code authors} in attributedTo, {@code audience} the collective it claims. */
  private JsonObject event(String n, String title, String audience, String... authors) {
    JsonArray attributedTo = new JsonArray();
    for (String author : authors) {
      attributedTo.add(a.actorId(author).toString());
    }
    return new JsonObject().put("id", objectId(n)).put("type", "Event").put("name", title)
        .put("published", "2026-11-20T10:00:00Z").put("startTime", "2030-03-16T18:00:00+01:00")
        .put("timezone", "Europe/Paris").put("attributedTo", attributedTo)
        .put("audience", a.actorId(audience).toString()).put("to", new JsonArray().add(As.PUBLIC));
  }

  private JsonObject activity(String type, String actor, Object object) {
    return new JsonObject().put("id", a.url() + "/activities/" + type + "-" + System.nanoTime()).put("type", type)
        .put("actor", a.actorId(actor).toString()).put("object", object).put("to", new JsonArray().add(As.PUBLIC));
  }

  /** Signed by {@code actor}'s own key, POSTed to B's shared inbox; the status (202: processed). */
  private int send(String actor, String type, Object object) {
    return sendActivity(actor, activity(type, actor, object));
  }

  private int sendActivity(String actor, JsonObject activity) {
    return poster.post(URI.create(b.url() + "/inbox"), activity, SignedPoster.signerOf(a.federation(), actor));
  }

  private Optional<AggregatedItem> stored(String n) {
    return Await.result(service.find(objectId(n)));
  }

  @Test
  void anotherActorOfTheCollectivesServerCannotFileAnEventAsTheCollectives() {
    assertEquals(403, send("mallory", "Create", event("1", "Fausse AG", "grenoble", "grenoble")));
    assertTrue(stored("1").isEmpty());
    // naming itself beside the collective: mallory's own object, never filed as grenoble's
    assertEquals(202, send("mallory", "Create", event("2", "Fausse AG", "grenoble", "mallory", "grenoble")));
    assertTrue(stored("2").isEmpty());
    // the collective's own Create is
    assertEquals(202, send("grenoble", "Create", event("3", "Vraie AG", "grenoble", "alice", "grenoble")));
    assertEquals(a.actorId("grenoble").toString(), stored("3").orElseThrow().groupId());
  }

  @Test
  void anotherActorOfTheSameServerCannotUpdateTheCollectivesEvent() {
    assertEquals(202, send("grenoble", "Create", event("4", "AG de mars", "grenoble", "grenoble")));
    assertEquals("AG de mars", stored("4").orElseThrow().name());

    assertEquals(403, send("mallory", "Update", event("4", "AG annulée", "grenoble", "grenoble")));
    // another followed collective of the same server, naming itself as author: still not its event
    assertEquals(202, send("echirolles", "Update", event("4", "AG annulée", "echirolles", "echirolles")
        .put("updated", "2026-11-21T10:00:00Z")));
    AggregatedItem kept = stored("4").orElseThrow();
    assertEquals("AG de mars", kept.name());
    assertEquals(a.actorId("grenoble").toString(), kept.groupId());
  }

  @Test
  void anotherActorOfTheSameServerCannotDeleteTheCollectivesEvent() {
    assertEquals(202, send("grenoble", "Create", event("4", "AG de mars", "grenoble", "grenoble")));
    assertEquals(202, send("mallory", "Delete", objectId("4")));
    assertEquals(202, send("echirolles", "Delete", new JsonObject().put("id", objectId("4")).put("type", "Tombstone")));
    assertTrue(stored("4").isPresent(), "still in the national agenda");
    assertEquals(1, Await.result(service.agenda(null, null, null, null, null, 10)).items().size());

    assertEquals(202, send("grenoble", "Delete", objectId("4")));
    assertTrue(stored("4").isEmpty(), "the collective deletes its own event");
  }

  @Test
  void aDeleteByAnotherActorBeforeTheCreateDoesNotBlockIt() {
    assertEquals(202, send("mallory", "Delete", objectId("5")));
    assertEquals(202, send("grenoble", "Create", event("5", "Manif", "grenoble", "grenoble")));
    assertEquals("Manif", stored("5").orElseThrow().name());
  }

  @Test
  void aGroupAnnounceOfAForeignObjectIsNotTrustedAsTheGroups() {
    // grenoble boosts mallory's event (embedded, and FEP-1b12-wrapped); A serves neither
    assertEquals(202, send("grenoble", "Announce", event("6", "Soirée", "grenoble", "mallory")));
    JsonObject wrapped = activity("Create", "mallory", event("7", "Soirée", "grenoble", "mallory"));
    wrapped.remove("to");
    assertEquals(202, send("grenoble", "Announce", wrapped));
    assertTrue(stored("6").isEmpty());
    assertTrue(stored("7").isEmpty());

    // grenoble boosts echirolles' event with forged content: the origin's copy is what counts
    servedByA.put("8", event("8", "Le vrai titre", "echirolles", "echirolles"));
    assertEquals(202, send("grenoble", "Announce", event("8", "Titre falsifié", "echirolles", "echirolles")));
    AggregatedItem fetched = stored("8").orElseThrow();
    assertEquals("Le vrai titre", fetched.name());
    assertEquals(a.actorId("echirolles").toString(), fetched.groupId());

    // its own objects, announced FEP-1b12 style, are trusted as they come
    assertEquals(202, send("grenoble", "Announce",
        activity("Create", "grenoble", event("9", "AG d'avril", "grenoble", "grenoble"))));
    assertEquals(a.actorId("grenoble").toString(), stored("9").orElseThrow().groupId());
  }
}
