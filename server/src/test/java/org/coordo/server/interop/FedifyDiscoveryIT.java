package org.coordo.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery, read by an independent implementation: a Fedify peer (its WebFinger client, its
 * {@code lookupObject}, its strict {@code Object.fromJsonLd}) reads every kind of document a city
 * node serves — actors (Group, Person, the FEP-2677 instance actor), calls, minutes, events in every
 * shape, a Tombstone, and every collection with its first page.
 */
class FedifyDiscoveryIT {
  @RegisterExtension static final SharedFedifyPeer PEER = new SharedFedifyPeer();
  @TempDir static Path dir;
  static FedifyPeer peer;
  static FederatedTestNode city;
  static String editor;

  @BeforeAll
  static void start() {
    peer = PEER.peer();
    city = FederatedTestNode.city(dir);
    editor = city.collectiveWithEditor("grenoble", "Grenoble", "alice");
  }

  @AfterAll
  static void stop() {
    if (city != null) {
      city.close();
    }
  }

  @Test
  void webFingerAndEveryActorKindParseStrictly() {
    JsonObject jrd = peer.control("webfinger",
        new JsonObject().put("resource", "acct:grenoble@127.0.0.1:" + city.port));
    assertEquals("acct:grenoble@127.0.0.1:" + city.port, jrd.getString("subject"));
    assertTrue(jrd.getJsonArray("links").stream().map(JsonObject.class::cast).anyMatch(l ->
        "self".equals(l.getString("rel")) && (city.base + "/actors/grenoble").equals(l.getString("href"))));

    JsonObject group = peer.control("lookup", new JsonObject().put("target", city.handle("grenoble")))
        .getJsonObject("parsed");
    assertEquals("Group", group.getString("type"));
    assertEquals(city.base + "/actors/grenoble", group.getString("id"));
    assertEquals("grenoble", group.getString("preferredUsername"));
    assertEquals(city.base + "/actors/grenoble", group.getJsonObject("publicKey").getString("owner"));
    assertEquals("RSASSA-PKCS1-v1_5", group.getJsonObject("publicKey").getString("algorithm"), "PEM imported");
    assertEquals(city.base + "/inbox", group.getString("sharedInbox"));

    JsonObject person = peer.control("lookup", new JsonObject().put("target", city.handle("alice")))
        .getJsonObject("parsed");
    assertEquals("Person", person.getString("type"));
    assertEquals(city.base + "/actors/alice", person.getJsonObject("publicKey").getString("owner"));

    // FEP-2677: NodeInfo names the instance actor, an Application readable without a signature
    JsonObject instance = peer.control("instance-actor", new JsonObject().put("origin", city.base));
    assertEquals(city.base + "/actor", instance.getString("href"));
    assertEquals("coordo", instance.getString("software"), "NodeInfo parsed strictly by Fedify");
    assertEquals("Application", instance.getJsonObject("parsed").getString("type"));
    assertEquals(city.base + "/actor", instance.getJsonObject("parsed").getJsonObject("publicKey").getString("owner"));
  }

  @Test
  void everyPublicationShapeParsesStrictlyWithItsTimes() {
    String call = publish("calls", new JsonObject().put("title", "Appel à la grève").put("content", "Tous dehors."));
    assertEquals("Article", peer.parseStrictly(call, "Article").getString("type"));
    String minutes = publish("minutes", new JsonObject().put("title", "CR de l'AG").put("assemblyDate", "2030-01-10")
        .put("content", "Décisions.").put("decisions", new JsonArray().add("Grève le 16")));
    assertEquals("CR de l'AG", peer.parseStrictly(minutes, "Article").getString("name"));

    // whole minutes in Europe/Paris, with a postal address and coordinates: the case Fedify refused
    JsonObject atPlace = peer.parseStrictly(publish("events", event("Manif", "2037-01-16T14:00", "2037-01-16T17:00",
        "Europe/Paris").put("location", new JsonObject().put("name", "Place Grenette")
        .put("address", new JsonObject().put("streetAddress", "Place Grenette").put("postalCode", "38000")
            .put("addressLocality", "Grenoble").put("addressCountry", "FR"))
        .put("latitude", 45.1885).put("longitude", 5.7245))), "Event");
    assertEquals("2037-01-16T13:00:00Z", atPlace.getString("startTime"));
    assertEquals("2037-01-16T16:00:00Z", atPlace.getString("endTime"));
    assertEquals("Place", atPlace.getJsonArray("locations").getJsonObject(0).getString("type"));

    JsonObject withSeconds = peer.parseStrictly(publish("events", event("Réunion", "2037-02-01T18:30:15",
        "2037-02-01T20:00:45", "Europe/Paris").put("location", new JsonObject().put("name", "Bourse du travail"))),
        "Event");
    assertEquals("2037-02-01T17:30:15Z", withSeconds.getString("startTime"));
    assertEquals("2037-02-01T19:00:45Z", withSeconds.getString("endTime"));

    JsonObject online = peer.parseStrictly(publish("events", event("Visio", "2037-03-01T12:00", "2037-03-01T13:00",
        "America/Montreal").put("location", new JsonObject().put("url", "https://visio.example/salle"))), "Event");
    assertEquals("2037-03-01T17:00:00Z", online.getString("startTime"), "Montreal is 5 hours behind UTC in March");
    // Fedify has no VirtualLocation (a Mobilizon term): it parses the event and leaves the location out
    assertTrue(online.getJsonArray("locations").stream()
        .noneMatch(l -> "Place".equals(((JsonObject) l).getString("type"))));

    String postponedUrl = publish("events", event("Reportée", "2037-04-01T10:00", null, "Asia/Kolkata")
        .put("eventStatus", "Postponed"));
    JsonObject postponed = peer.parseStrictly(postponedUrl, "Event");
    assertEquals("2037-04-01T04:30:00Z", postponed.getString("startTime"));
    assertNull(postponed.getString("endTime"));
    assertEquals("Postponed", raw(postponedUrl).getString("eventStatus"), "a term Fedify ignores, still there");

    String cancelledUrl = publish("events", event("Annulée", "2037-05-01T10:00", "2037-05-01T12:00", "Europe/Paris"));
    String id = cancelledUrl.substring(cancelledUrl.lastIndexOf('/') + 1);
    city.json("POST", "/api/collectives/grenoble/events/" + id + "/cancel", editor, new JsonObject(), 200);
    assertEquals("2037-05-01T08:00:00Z", peer.parseStrictly(cancelledUrl, "Event").getString("startTime"));
    assertEquals("Cancelled", raw(cancelledUrl).getString("eventStatus"));

    String hash = upload();
    JsonObject withAttachment = peer.parseStrictly(publish("events", event("Avec tract", "2037-06-01T09:00",
        "2037-06-01T10:00", "Europe/Paris").put("attachments", new JsonArray()
        .add(new JsonObject().put("hash", hash).put("name", "Le tract")))), "Event");
    assertEquals(1, withAttachment.getJsonArray("attachments").size(), String.valueOf(withAttachment));
    JsonObject attachment = withAttachment.getJsonArray("attachments").getJsonObject(0);
    assertEquals("Document", attachment.getString("type"));
    assertEquals("application/pdf", attachment.getString("mediaType"));

    // a deleted publication answers 410 with a Tombstone, which Fedify parses too
    String gone = publish("calls", new JsonObject().put("title", "Retiré").put("content", "Erreur."));
    city.json("DELETE", "/api/collectives/grenoble/calls/" + gone.substring(gone.lastIndexOf('/') + 1), editor,
        null, 204);
    JsonObject tombstone = peer.parse(gone);
    assertEquals(410, tombstone.getInteger("httpStatus"));
    assertEquals("Tombstone", tombstone.getJsonObject("parsed").getString("type"), String.valueOf(tombstone));
    assertTrue(tombstone.getJsonObject("parsed").getString("deleted").endsWith("Z"));

    // every collection, and its first page with its items
    for (String path : new String[] {"/actors/grenoble/outbox", "/actors/grenoble/followers",
        "/actors/grenoble/following", "/collectives/grenoble/upcoming-events", "/collectives/grenoble/calls",
        "/collectives/grenoble/minutes", URI.create(call).getPath() + "/replies"}) {
      JsonObject collection = peer.parseStrictly(city.base + path, "OrderedCollection");
      JsonObject page = peer.parseStrictly(collection.getString("first"), "OrderedCollectionPage");
      assertEquals(Math.min(20, collection.getInteger("totalItems")), page.getJsonArray("itemTypes").size(),
          path + ": every item of the first page parsed");
      if (path.endsWith("/upcoming-events")) {
        assertEquals(6, page.getJsonArray("itemTypes").size(), "the six events still upcoming, cancelled included");
        assertTrue(page.getJsonArray("itemTypes").stream().allMatch("Event"::equals));
      }
      if (path.endsWith("/outbox")) {
        assertTrue(page.getJsonArray("itemTypes").contains("Create"), String.valueOf(page));
      }
    }
  }

  private static JsonObject event(String title, String start, String end, String zone) {
    JsonObject e = new JsonObject().put("title", title).put("timezone", zone).put("startTime", start)
        .put("content", "Rendez-vous.");
    return end == null ? e : e.put("endTime", end);
  }

  private static String publish(String kind, JsonObject body) {
    return city.json("POST", "/api/collectives/grenoble/" + kind, editor, body.put("publish", true), 201)
        .getString("url");
  }

  /** Coordo's own document (for the terms Fedify's vocabulary does not model). */
  private static JsonObject raw(String url) {
    return new JsonObject(TestNodes.send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/activity+json").build()).body());
  }

  private static String upload() {
    byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(city.base
            + "/api/collectives/grenoble/attachments"))
        .header("Authorization", "Bearer " + editor).header("Content-Type", "application/pdf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("hash");
  }
}
