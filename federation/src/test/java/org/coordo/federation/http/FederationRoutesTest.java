package org.coordo.federation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.outbox.OutboxRepository;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The read side over real HTTP, the way Mastodon and crawlers use it. One node for the class. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationRoutesTest {
  static final String AS_ACCEPT = "application/activity+json";
  static final String LD_ACCEPT = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

  TestNodes.Node node;
  WebClient client;
  String base;
  String authority;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) {
    node = TestNodes.start(vertx, dir, FederationConfig::forTests);
    base = node.base();
    authority = URI.create(base).getAuthority();
    client = WebClient.create(vertx);
    var actors = node.federation().internals().actors();
    Await.result(actors.create("grenoble", ActorType.Group, "Collectif <Grenoble>", "<p>Luttes locales</p>", false));
    Await.result(actors.update("grenoble", "Collectif <Grenoble>", "<p>Luttes locales</p>",
        "https://cdn.example/g.png", false));
    Await.result(actors.create("alice", ActorType.Person, null, null, true));
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  HttpResponse<Buffer> get(String url, String accept) {
    var request = client.getAbs(url.startsWith("http") ? url : base + url);
    if (accept != null) {
      request.putHeader("Accept", accept);
    }
    return Await.result(request.send());
  }

  HttpResponse<Buffer> webfinger(String resource) {
    return get("/.well-known/webfinger?resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8), null);
  }

  static void assertJsonError(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(status, body.getInteger("status"));
    assertNotNull(body.getString("error"));
  }

  // ------------------------------------------------------------------------------ discovery

  @Test
  void mastodonStyleLookupRoundTrip() {
    HttpResponse<Buffer> wf = webfinger("acct:grenoble@" + authority);
    assertEquals(200, wf.statusCode());
    assertTrue(wf.getHeader("Content-Type").startsWith("application/jrd+json"));
    assertEquals("*", wf.getHeader("Access-Control-Allow-Origin"));
    JsonObject jrd = wf.bodyAsJsonObject();
    assertEquals("acct:grenoble@" + authority, jrd.getString("subject"));
    String self = selfLink(jrd);
    assertEquals(base + "/actors/grenoble", self);
    assertEquals(new JsonArray().add(self), jrd.getJsonArray("aliases"));

    HttpResponse<Buffer> actor = get(self, AS_ACCEPT);
    assertEquals(200, actor.statusCode());
    assertEquals("application/activity+json; charset=utf-8", actor.getHeader("Content-Type"));
    assertEquals("Accept", actor.getHeader("Vary"));
    JsonObject doc = actor.bodyAsJsonObject();
    assertEquals(self, doc.getString("id"));

    // Mastodon's check: preferredUsername @ the id's authority webfingers back to the same id
    String handle = "acct:" + doc.getString("preferredUsername") + "@" + URI.create(doc.getString("id")).getAuthority();
    HttpResponse<Buffer> back = webfinger(handle);
    assertEquals(200, back.statusCode());
    assertEquals(doc.getString("id"), selfLink(back.bodyAsJsonObject()));
  }

  @Test
  void webfingerAcceptsTheActorUrlAndIgnoresCase() {
    JsonObject byUrl = webfinger(base + "/actors/grenoble").bodyAsJsonObject();
    assertEquals("acct:grenoble@" + authority, byUrl.getString("subject"));
    JsonObject shouting = webfinger("ACCT:Grenoble@" + authority.toUpperCase()).bodyAsJsonObject();
    assertEquals("acct:grenoble@" + authority, shouting.getString("subject"));
    JsonObject bare = webfinger("grenoble@" + authority).bodyAsJsonObject();
    assertEquals(base + "/actors/grenoble", selfLink(bare));
    JsonObject profile = byUrl.getJsonArray("links").stream().map(JsonObject.class::cast)
        .filter(l -> "http://webfinger.net/rel/profile-page".equals(l.getString("rel"))).findFirst().orElseThrow();
    assertEquals("text/html", profile.getString("type"));
  }

  @Test
  void webfingerFindsPersonsAndTheInstanceActor() {
    assertEquals(base + "/actors/alice", selfLink(webfinger("acct:alice@" + authority).bodyAsJsonObject()));
    JsonObject instance = webfinger("acct:coordo.instance@" + authority).bodyAsJsonObject();
    assertEquals(base + "/actor", selfLink(instance));
    assertEquals("acct:coordo.instance@" + authority, webfinger(base + "/actor").bodyAsJsonObject().getString("subject"));
  }

  @Test
  void webfingerErrors() {
    assertJsonError(get("/.well-known/webfinger", null), 400);
    assertJsonError(webfinger(""), 400);
    assertJsonError(webfinger("acct:grenoble"), 400);
    assertJsonError(webfinger("acct:@" + authority), 400);
    assertJsonError(webfinger("mailto:grenoble@" + authority), 400);
    assertJsonError(webfinger("acct:nobody@" + authority), 404);
    assertJsonError(webfinger("acct:grenoble@other.example"), 404);
    assertJsonError(webfinger("acct:grenoble@127.0.0.1"), 404); // the port is part of the authority
    assertJsonError(webfinger("https://other.example/actors/grenoble"), 404);
    assertJsonError(webfinger(base + "/actors/nobody"), 404);
    assertEquals("*", webfinger("acct:nobody@" + authority).getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void hostMetaPointsAtWebFinger() {
    HttpResponse<Buffer> xml = get("/.well-known/host-meta", null);
    assertEquals(200, xml.statusCode());
    assertTrue(xml.getHeader("Content-Type").startsWith("application/xrd+xml"));
    assertTrue(xml.bodyAsString().contains(
        "<Link rel=\"lrdd\" type=\"application/jrd+json\" template=\"" + base + "/.well-known/webfinger?resource={uri}\"/>"),
        xml.bodyAsString());
    JsonObject json = get("/.well-known/host-meta.json", null).bodyAsJsonObject();
    JsonObject link = json.getJsonArray("links").getJsonObject(0);
    assertEquals("lrdd", link.getString("rel"));
    assertEquals(base + "/.well-known/webfinger?resource={uri}", link.getString("template"));
  }

  @Test
  void nodeInfoDiscoveryAndDocuments() {
    HttpResponse<Buffer> wk = get("/.well-known/nodeinfo", null);
    assertEquals(200, wk.statusCode());
    JsonArray links = wk.bodyAsJsonObject().getJsonArray("links");
    assertEquals("http://nodeinfo.diaspora.software/ns/schema/2.1", links.getJsonObject(0).getString("rel"));
    assertEquals(base + "/nodeinfo/2.1", links.getJsonObject(0).getString("href"));
    assertEquals("http://nodeinfo.diaspora.software/ns/schema/2.0", links.getJsonObject(1).getString("rel"));
    assertEquals(base + "/nodeinfo/2.0", links.getJsonObject(1).getString("href"));
    // FEP-2677: the instance actor, readable without a signature, is named by the discovery document
    assertEquals("https://www.w3.org/ns/activitystreams#Application", links.getJsonObject(2).getString("rel"));
    assertEquals(base + "/actor", links.getJsonObject(2).getString("href"));
    assertEquals("Application", get("/actor", LD_ACCEPT).bodyAsJsonObject().getString("type"));

    long persons = Await.result(node.federation().internals().actors().list()).stream()
        .filter(a -> a.type() == ActorType.Person).count();
    for (String version : List.of("2.1", "2.0")) {
      HttpResponse<Buffer> r = get("/nodeinfo/" + version, null);
      assertEquals(200, r.statusCode());
      assertEquals("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/" + version + "#\"",
          r.getHeader("Content-Type"));
      JsonObject doc = r.bodyAsJsonObject();
      assertEquals(version, doc.getString("version"));
      assertEquals("coordo", doc.getJsonObject("software").getString("name"));
      assertEquals("0.1.0-test", doc.getJsonObject("software").getString("version"));
      assertEquals(new JsonArray().add("activitypub"), doc.getJsonArray("protocols"));
      assertEquals(new JsonArray(), doc.getJsonObject("services").getJsonArray("inbound"));
      assertEquals(new JsonArray().add("atom1.0").add("rss2.0"), doc.getJsonObject("services").getJsonArray("outbound"));
      assertFalse(doc.getBoolean("openRegistrations"));
      JsonObject users = doc.getJsonObject("usage").getJsonObject("users");
      assertEquals(persons, users.getLong("total"));
      assertEquals(persons, users.getLong("activeHalfyear"));
      assertEquals(persons, users.getLong("activeMonth"));
      assertEquals(0L, doc.getJsonObject("usage").getLong("localPosts"));
      assertEquals("city", doc.getJsonObject("metadata").getString("role"));
      assertEquals("Coordo test node", doc.getJsonObject("metadata").getString("nodeName"));
    }
    assertTrue(persons >= 1);
    assertJsonError(get("/nodeinfo/3.0", null), 404);
  }

  // ------------------------------------------------------------------------------ actors

  @Test
  void actorDocumentHasEverythingMastodonUses() {
    LocalActor stored = Await.result(node.federation().internals().actors().require("grenoble"));
    JsonObject doc = get("/actors/grenoble", LD_ACCEPT).bodyAsJsonObject();
    String id = base + "/actors/grenoble";
    assertEquals(As.context(), doc.getJsonArray("@context"));
    assertEquals(id, doc.getString("id"));
    assertEquals("Group", doc.getString("type"));
    assertEquals("grenoble", doc.getString("preferredUsername"));
    assertEquals("Collectif <Grenoble>", doc.getString("name"));
    assertEquals("<p>Luttes locales</p>", doc.getString("summary"));
    assertEquals(id, doc.getString("url"));
    assertEquals(new JsonObject().put("type", "Image").put("url", "https://cdn.example/g.png"), doc.getJsonObject("icon"));
    assertEquals(id + "/inbox", doc.getString("inbox"));
    assertEquals(id + "/outbox", doc.getString("outbox"));
    assertEquals(id + "/followers", doc.getString("followers"));
    assertEquals(id + "/following", doc.getString("following"));
    assertEquals(id + "/featured", doc.getString("featured"));
    assertEquals(base + "/inbox", doc.getJsonObject("endpoints").getString("sharedInbox"));
    JsonObject key = doc.getJsonObject("publicKey");
    assertEquals(id + "#main-key", key.getString("id"));
    assertEquals(doc.getString("id"), key.getString("owner"));
    assertEquals(stored.publicKeyPem(), key.getString("publicKeyPem"));
    assertFalse(doc.encode().contains("PRIVATE KEY"));
    assertEquals(false, doc.getBoolean("manuallyApprovesFollowers"));
    assertEquals(true, doc.getBoolean("discoverable"));
    assertEquals(true, doc.getBoolean("indexable"));
    assertEquals(stored.published().toString(), doc.getString("published"));
    assertTrue(doc.getString("published").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

    JsonObject alice = get("/actors/alice", AS_ACCEPT).bodyAsJsonObject();
    assertEquals("Person", alice.getString("type"));
    assertEquals(true, alice.getBoolean("manuallyApprovesFollowers"));
    assertNull(alice.getValue("name"));
    assertNull(alice.getValue("icon"));
  }

  @Test
  void instanceActorIsAnApplicationAtSlashActor() {
    HttpResponse<Buffer> r = get("/actor", AS_ACCEPT);
    assertEquals(200, r.statusCode());
    JsonObject doc = r.bodyAsJsonObject();
    assertEquals(base + "/actor", doc.getString("id"));
    assertEquals("Application", doc.getString("type"));
    assertEquals("coordo.instance", doc.getString("preferredUsername"));
    assertEquals(base + "/actor#main-key", doc.getJsonObject("publicKey").getString("id"));
    assertEquals(base + "/actor", doc.getJsonObject("publicKey").getString("owner"));
    assertEquals(base + "/inbox", doc.getString("inbox"));
    assertEquals(base + "/actor/outbox", doc.getString("outbox"));
    assertEquals(true, doc.getBoolean("manuallyApprovesFollowers"));
    // served to clients that send a plain JSON Accept or none at all
    assertEquals(200, get("/actor", "application/json").statusCode());
    assertEquals(200, get("/actor", null).statusCode());
    JsonObject outbox = get("/actor/outbox", AS_ACCEPT).bodyAsJsonObject();
    assertEquals("OrderedCollection", outbox.getString("type"));
    assertEquals(0L, outbox.getLong("totalItems"));
    // the instance actor is not served under /actors/
    assertJsonError(get("/actors/coordo.instance", AS_ACCEPT), 404);
  }

  @Test
  void browsersGetTheHtmlFallbackEscaped() {
    HttpResponse<Buffer> r = get("/actors/grenoble", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("text/html"));
    assertEquals("Accept", r.getHeader("Vary"));
    String html = r.bodyAsString();
    assertTrue(html.contains("Collectif &lt;Grenoble&gt;"), html);
    assertFalse(html.contains("<Grenoble>"), html);
    assertTrue(html.contains("@grenoble@" + authority), html);
    HttpResponse<Buffer> missing = get("/actors/nobody", "text/html");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.getHeader("Content-Type").startsWith("text/html"));
  }

  @Test
  void unknownActorsAre404Json() {
    assertJsonError(get("/actors/nobody", AS_ACCEPT), 404);
    assertJsonError(get("/actors/nobody/followers", AS_ACCEPT), 404);
    assertJsonError(get("/actors/nobody/outbox?page=true", AS_ACCEPT), 404);
    assertJsonError(get("/activities/nothing-here", AS_ACCEPT), 404);
  }

  @Test
  void inboxesAreMountedAndRefuseUnsignedPosts() {
    String create = new JsonObject().put("id", "https://remote.example/a/1").put("type", "Create")
        .put("actor", "https://remote.example/u/x").encode();
    for (String path : List.of("/inbox", "/actors/grenoble/inbox")) {
      HttpResponse<Buffer> r = Await.result(client.postAbs(base + path)
          .putHeader("Content-Type", "application/activity+json").sendBuffer(Buffer.buffer(create)));
      assertJsonError(r, 401);
    }
    HttpResponse<Buffer> unknown = Await.result(client.postAbs(base + "/actors/nobody/inbox")
        .putHeader("Content-Type", "application/activity+json").sendBuffer(Buffer.buffer(create)));
    assertJsonError(unknown, 404);
  }

  // ------------------------------------------------------------------------------ collections

  @Test
  void followersArePagedNewestFirstWithACursor() {
    var follows = node.federation().internals().follows();
    long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    follows.write(batch -> {
      for (int i = 0; i < 45; i++) {
        String remote = "https://r" + (i % 3) + ".example/users/u" + i;
        follows.putFollower(batch, new Follower("grenoble", URI.create(remote), FollowState.ACCEPTED,
            remote + "#follow", Instant.ofEpochMilli(t0 + i * 1000L), URI.create(remote + "/inbox"), null));
      }
      String pending = "https://r9.example/users/pending";
      follows.putFollower(batch, new Follower("grenoble", URI.create(pending), FollowState.PENDING,
          pending + "#follow", Instant.ofEpochMilli(t0 + 99_000), URI.create(pending + "/inbox"), null));
    }, Durability.WAL);

    String id = base + "/actors/grenoble/followers";
    JsonObject collection = get(id, AS_ACCEPT).bodyAsJsonObject();
    assertEquals(id, collection.getString("id"));
    assertEquals("OrderedCollection", collection.getString("type"));
    assertEquals(45L, collection.getLong("totalItems"));
    assertEquals(id + "?page=true", collection.getString("first"));

    List<String> seen = new ArrayList<>();
    String next = collection.getString("first");
    int pages = 0;
    while (next != null) {
      HttpResponse<Buffer> r = get(next, AS_ACCEPT);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonObject page = r.bodyAsJsonObject();
      assertEquals("OrderedCollectionPage", page.getString("type"));
      assertEquals(next, page.getString("id"));
      assertEquals(id, page.getString("partOf"));
      page.getJsonArray("orderedItems").forEach(o -> seen.add((String) o));
      next = page.getString("next");
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(45, seen.size());
    assertEquals(45, new HashSet<>(seen).size());
    assertEquals("https://r2.example/users/u44", seen.get(0));
    assertEquals("https://r0.example/users/u0", seen.get(44));

    // ?limit is honoured and kept in next links
    JsonObject small = get(id + "?page=true&limit=7", AS_ACCEPT).bodyAsJsonObject();
    assertEquals(7, small.getJsonArray("orderedItems").size());
    assertTrue(small.getString("next").endsWith("&limit=7"), small.getString("next"));
    JsonObject second = get(small.getString("next"), AS_ACCEPT).bodyAsJsonObject();
    assertEquals(seen.subList(7, 14), second.getJsonArray("orderedItems").getList());

    assertJsonError(get(id + "?cursor=!!bad!!", AS_ACCEPT), 400);
    assertJsonError(get(id + "?page=true&limit=zero", AS_ACCEPT), 400);
  }

  @Test
  void emptyCollectionsAndTheOutboxWithEmbeddedActivities() {
    for (String c : List.of("following", "featured", "outbox")) {
      JsonObject doc = get("/actors/alice/" + c, AS_ACCEPT).bodyAsJsonObject();
      assertEquals(0L, doc.getLong("totalItems"), c);
      JsonObject page = get(doc.getString("first"), AS_ACCEPT).bodyAsJsonObject();
      assertEquals(new JsonArray(), page.getJsonArray("orderedItems"), c);
      assertNull(page.getValue("next"), c);
    }

    URI publicId = URI.create(base + "/activities/01public");
    URI privateId = URI.create(base + "/activities/01private");
    JsonObject publicActivity = new JsonObject().put("id", publicId.toString()).put("type", "Create")
        .put("actor", base + "/actors/alice").put("to", new JsonArray().add(As.PUBLIC))
        .put("object", new JsonObject().put("id", base + "/notes/1").put("type", "Note").put("content", "hi"));
    JsonObject privateActivity = publicActivity.copy().put("id", privateId.toString())
        .put("to", new JsonArray().add(base + "/actors/alice/followers"));
    ActivityRepository activities = new ActivityRepository(node.store());
    OutboxRepository outbox = new OutboxRepository(node.store());
    try (KvBatch batch = node.store().newBatch()) {
      activities.put(batch, publicActivity);
      activities.put(batch, privateActivity);
      outbox.add(batch, "alice", Instant.parse("2026-02-01T00:00:00Z"), publicId);
      node.store().write(batch, Durability.WAL);
    }

    HttpResponse<Buffer> r = get(publicId.toString(), AS_ACCEPT);
    assertEquals(200, r.statusCode());
    assertEquals("application/activity+json; charset=utf-8", r.getHeader("Content-Type"));
    JsonObject served = r.bodyAsJsonObject();
    assertEquals(publicId.toString(), served.getString("id"));
    assertEquals(As.context(), served.getJsonArray("@context"));
    assertJsonError(get(privateId.toString(), AS_ACCEPT), 404);

    JsonObject out = get("/actors/alice/outbox", AS_ACCEPT).bodyAsJsonObject();
    assertEquals(1L, out.getLong("totalItems"));
    JsonArray items = get(out.getString("first"), AS_ACCEPT).bodyAsJsonObject().getJsonArray("orderedItems");
    assertEquals(1, items.size());
    assertEquals(publicActivity, items.getJsonObject(0));
  }

  static String selfLink(JsonObject jrd) {
    Set<String> found = new HashSet<>();
    for (Object o : jrd.getJsonArray("links")) {
      JsonObject link = (JsonObject) o;
      if ("self".equals(link.getString("rel"))) {
        assertEquals("application/activity+json", link.getString("type"));
        found.add(link.getString("href"));
      }
    }
    assertEquals(1, found.size(), jrd.encode());
    return found.iterator().next();
  }
}
