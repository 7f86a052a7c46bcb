package org.coordo.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.coordo.federation.FollowState;
import org.coordo.federation.host.HostProfile;
import org.coordo.federation.host.Hosts;
import org.coordo.federation.host.SoftwareFamily;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions between a city node and an independent Fedify peer, every activity signed and
 * verified by the receiving side's own code: the peer follows the collective and gets the
 * {@code Accept}, receives and strictly parses each publication, edit, cancellation and deletion
 * in every form Coordo sends a server of unclassified software (its NodeInfo says "fedify"): Create, Announce of
 * the Create, Announce of the object, Update and Announce of the Update; its reply reaches
 * the moderation queue and, once approved, the {@code replies} collection; its like is counted and
 * its undo uncounted; the collective follows the peer and gets its posts; both sides undo their follows.
 */
class FedifyExchangeIT {
  @RegisterExtension static final SharedFedifyPeer PEER = new SharedFedifyPeer();
  @TempDir Path dir;
  FedifyPeer peer;
  FederatedTestNode city;
  String editor;
  String group;

  @BeforeEach
  void start() {
    peer = PEER.peer();
    city = FederatedTestNode.city(dir);
    editor = city.collectiveWithEditor("grenoble", "Grenoble", "alice");
    group = city.base + "/actors/grenoble";
  }

  @AfterEach
  void stop() {
    if (city != null) {
      city.close();
    }
  }

  @Test
  void peerFollowsReceivesEveryChangeRepliesLikesAndTheCollectiveFollowsBack() {
    // the peer follows the collective (WebFinger handle) and gets the Accept
    peer.control("follow", new JsonObject().put("target", city.handle("grenoble")));
    peer.awaitReceived("the Accept of the peer's Follow", a -> "Accept".equals(a.getString("type"))
        && group.equals(a.getString("actor")));
    TestNodes.waitUntil(Duration.ofSeconds(10), "the peer's follow accepted", () -> peer.list("following")
        .stream().map(JsonObject.class::cast)
        .anyMatch(f -> group.equals(f.getString("actor")) && "accepted".equals(f.getString("state"))));

    // the peer's NodeInfo says "fedify", a software Coordo's delivery forms do not classify: the peer gets every
    // form of a change (Create, the FEP-1b12 Announce of the Create, the boost of the object) and parses each
    HostProfile profile = city.federation().internals().hostProfiles().find(Hosts.of(URI.create(peer.base))).orElseThrow();
    assertEquals("fedify", profile.software());
    assertEquals(SoftwareFamily.OTHER, profile.family());
    String event = publish("events", new JsonObject().put("title", "Manif climat").put("timezone", "Europe/Paris")
        .put("startTime", "2030-03-16T14:00").put("endTime", "2030-03-16T17:00")
        .put("content", "Départ place Grenette.")
        .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Grenoble")));
    for (String form : List.of("Create", "Announce/Create", "Announce")) {
      JsonObject got = received(event, "Event", chain -> form.equals(form(chain)));
      assertEquals("2030-03-16T13:00:00Z", got.getString("startTime"), form);
      assertEquals("2030-03-16T16:00:00Z", got.getString("endTime"), form);
      assertTrue(got.getJsonArray("attributedTo").contains(group), form);
    }
    String call = publish("calls", new JsonObject().put("title", "Appel à la grève").put("content", "Tous dehors."));
    received(call, "Article", chain -> true);
    String minutes = publish("minutes", new JsonObject().put("title", "CR de l'AG").put("assemblyDate", "2030-01-10")
        .put("content", "Décisions."));
    received(minutes, "Article", chain -> true);

    // the edit, the cancellation and the deletion
    String id = event.substring(event.lastIndexOf('/') + 1);
    city.json("PUT", "/api/collectives/grenoble/events/" + id, editor, new JsonObject().put("title", "Manif climat")
        .put("timezone", "Europe/Paris").put("startTime", "2030-03-16T15:00").put("endTime", "2030-03-16T18:00")
        .put("content", "Départ décalé d'une heure."), 200);
    for (String form : List.of("Update", "Announce/Update")) {
      JsonObject edited = received(event, "Event", chain -> form.equals(form(chain)));
      assertEquals("2030-03-16T14:00:00Z", edited.getString("startTime"), form);
      assertTrue(edited.getString("updated") != null, "an Update's object says when it was updated");
    }
    city.json("POST", "/api/collectives/grenoble/events/" + id + "/cancel", editor, new JsonObject(), 200);
    for (String form : List.of("Update", "Announce/Update")) {
      JsonObject cancelled = peer.awaitReceived("the cancellation as " + form, a -> isAbout(a, event)
          && form.equals(form(a.getJsonArray("chain")))
          && String.valueOf(a.getJsonObject("publication").getString("summary")).contains("ANNULÉ"));
      assertEquals("Event", cancelled.getJsonObject("publication").getString("type"));
    }

    // the peer replies and likes: the reply waits in the moderation queue, the like is counted
    JsonObject reply = peer.control("reply", new JsonObject().put("inReplyTo", call).put("to", group)
        .put("content", "<p>Nous serons là.</p>"));
    String noteId = reply.getString("noteId");
    String callId = call.substring(call.lastIndexOf('/') + 1);
    JsonObject like = peer.control("like", new JsonObject().put("object", call).put("to", group));
    Await.until("the reply is in the moderation queue", () -> queue().stream()
        .anyMatch(r -> noteId.equals(((JsonObject) r).getString("id"))));
    JsonObject queued = queue().stream().map(JsonObject.class::cast).filter(r -> noteId.equals(r.getString("id")))
        .findFirst().orElseThrow();
    assertEquals("pending", queued.getString("state"));
    assertEquals(peer.actor(), queued.getString("author"));
    Await.until("the like is counted", () -> counters(callId).getInteger("likes") == 1);
    city.json("POST", "/api/collectives/grenoble/moderation/replies/" + queued.getString("ref") + "/approve", editor,
        new JsonObject(), 200);
    JsonObject replies = peer.parseStrictly(call + "/replies", "OrderedCollection");
    assertEquals(1, replies.getInteger("totalItems"));
    JsonObject page = peer.parseStrictly(replies.getString("first"), "OrderedCollectionPage");
    assertEquals(new JsonArray().add(noteId), page.getJsonArray("items"));
    assertEquals(new JsonArray().add("Note"), page.getJsonArray("itemTypes"));
    Await.until("the approved reply is counted", () -> counters(callId).getInteger("replies") == 1);
    peer.control("unlike", new JsonObject().put("likeId", like.getString("likeId")).put("object", call)
        .put("to", group));
    Await.until("the undone like is uncounted", () -> counters(callId).getInteger("likes") == 0);

    // deletion reaches the peer as a Delete of a Tombstone
    city.json("DELETE", "/api/collectives/grenoble/events/" + id, editor, null, 204);
    JsonObject deleted = peer.awaitReceived("the Delete",
        a -> isAbout(a, event) && a.getJsonArray("chain").contains("Delete"));
    assertEquals("Tombstone", deleted.getJsonObject("publication").getString("type"));

    // the collective follows the peer, is accepted, and receives the peer's posts
    RecordingListener creates = new RecordingListener();
    city.federation().internals().listeners().on("Create", creates);
    Await.result(city.federation().internals().following().follow("grenoble", peer.handle()));
    Await.until("grenoble's follow of the peer accepted", () -> following(peer.actor()) == FollowState.ACCEPTED);
    assertEquals(new JsonArray().add(group), peer.list("followers"));
    JsonObject post = peer.control("post", new JsonObject().put("content", "<p>Assemblée ce soir.</p>"));
    assertEquals(new JsonArray().add(group), post.getJsonArray("sentTo"));
    Await.until("grenoble received the peer's post", () -> creates.received().stream()
        .anyMatch(a -> post.getString("noteId").equals(a.objectId())));

    // Undo on both sides
    Await.result(city.federation().internals().following().unfollow("grenoble", peer.actor()));
    TestNodes.waitUntil(Duration.ofSeconds(20), "the peer processed grenoble's Undo(Follow)",
        () -> peer.list("followers").isEmpty());
    peer.control("unfollow", new JsonObject().put("target", group));
    Await.until("the peer is no longer a follower of grenoble", () -> Await.result(city.federation().internals().worker()
        .executeBlocking(() -> city.federation().internals().follows().findFollower("grenoble", URI.create(peer.actor())), false))
        .isEmpty());
  }

  private String publish(String kind, JsonObject body) {
    return city.json("POST", "/api/collectives/grenoble/" + kind, editor, body.put("publish", true), 201)
        .getString("url");
  }

  private static boolean isAbout(JsonObject activity, String objectId) {
    JsonObject p = activity.getJsonObject("publication");
    return p != null && objectId.equals(p.getString("id"));
  }

  /** The wrappers around the publication, outer first: "Create", "Announce/Create", "Announce" (a boost)… */
  private static String form(JsonArray chain) {
    return String.join("/", chain.stream().map(String::valueOf).toList().subList(0, chain.size() - 1));
  }

  /** The publication as the peer parsed it from an activity whose chain of types satisfies {@code chain}. */
  private JsonObject received(String objectId, String type, Predicate<JsonArray> chain) {
    JsonObject a = peer.awaitReceived(type + " " + objectId, x -> isAbout(x, objectId)
        && chain.test(x.getJsonArray("chain")));
    assertEquals(type, a.getJsonObject("publication").getString("type"));
    return a.getJsonObject("publication");
  }

  private JsonArray queue() {
    return city.json("GET", "/api/collectives/grenoble/moderation/replies", editor, null, 200).getJsonArray("items");
  }

  private JsonObject counters(String callId) {
    return city.json("GET", "/api/collectives/grenoble/calls/" + callId, editor, null, 200).getJsonObject("counters");
  }

  private FollowState following(String actor) {
    return Await.result(city.federation().internals().worker().executeBlocking(
        () -> city.federation().internals().follows().findFollowing("grenoble", URI.create(actor)), false))
        .map(f -> f.state()).orElse(null);
  }
}
