package org.coordo.server.api.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.SignedPoster;
import org.coordo.federation.testkit.TestNode;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.Signatory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Co-signed calls across real nodes on loopback (issue 17): Grenoble's call, co-signed by Lille
 * (accepts) and not by Toulouse (declines), plus two plain-text signatories; seen on Grenoble's
 * collection, in the call's document, on Lille's and on the national node (which follows Grenoble),
 * and by a follower of Lille on a fourth host (the Announce); then withdrawn everywhere. Forged
 * activities — an Add to the collection and an Accept from an actor not invited, both validly signed
 * by a third party — change nothing.
 */
class CoSignedCallIT {
  @TempDir Path gDir;
  @TempDir Path lDir;
  @TempDir Path tDir;
  @TempDir Path nDir;
  @TempDir Path fDir;
  FederatedTestNode grenoble;
  FederatedTestNode lille;
  FederatedTestNode toulouse;
  FederatedTestNode national;
  Vertx vertx;
  TestNode fans;
  String gTok;
  String lTok;
  String tTok;

  @BeforeEach
  void setUp() {
    grenoble = FederatedTestNode.city(gDir);
    lille = FederatedTestNode.city(lDir);
    toulouse = FederatedTestNode.city(tDir);
    national = FederatedTestNode.national(nDir, "events-and-calls");
    gTok = grenoble.collectiveWithEditor("grenoble", "Collectif de Grenoble", "alice");
    lTok = lille.collectiveWithEditor("lille", "Collectif de Lille", "louise");
    tTok = toulouse.collectiveWithEditor("toulouse", "Collectif de Toulouse", "theo");
    vertx = Vertx.vertx();
    fans = TestNode.start(vertx, fDir);
    fans.createActor("fan", ActorType.Person, false);
    fans.createActor("mallory", ActorType.Group, false);
  }

  @AfterEach
  void tearDown() {
    for (FederatedTestNode n : new FederatedTestNode[] {grenoble, lille, toulouse, national}) {
      if (n != null) {
        n.close();
      }
    }
    if (fans != null) {
      fans.close();
    }
    if (vertx != null) {
      Await.result(vertx.close());
    }
  }

  @Test
  void aCallCoSignedAcrossNodesIsSeenEverywhereWithdrawnEverywhereAndForgeriesChangeNothing() {
    // the national group follows Grenoble; a person on a fourth host follows Lille's collective
    String admin = national.admin("root");
    national.json("POST", "/api/admin/national/follows", admin,
        new JsonObject().put("target", grenoble.handle("grenoble")), 200);
    Await.result(fans.federation().context().follow("fan", lille.handle("lille")));
    Await.result(fans.federation().context().follow("fan", toulouse.handle("toulouse")));
    Await.until("follows accepted", () -> followAccepted(national.federation().context(), "national",
        grenoble.actor("grenoble")) && followAccepted(fans.federation().context(), "fan", lille.actor("lille"))
        && followAccepted(fans.federation().context(), "fan", toulouse.actor("toulouse")));
    RecordingListener fanAnnounces = fans.record("Announce");
    RecordingListener fanUndos = fans.record("Undo");

    JsonObject created = grenoble.json("POST", "/api/collectives/grenoble/calls", gTok, new JsonObject()
        .put("title", "Toutes et tous dans la rue le 9 octobre").put("content", "Appel commun.").put("publish", true), 201);
    String id = created.getString("id");
    String call = created.getString("url");
    lastCall = call;
    String collection = call + "/signatories";
    String api = "/api/collectives/grenoble/calls/" + id + "/signatories";
    Await.until("the national node holds the call", () -> signatoriesOn(national, call).isPresent());

    // plain-text signatories, typed by Grenoble's editors
    grenoble.json("PUT", api + "/text", gTok, new JsonObject().put("signatories", new JsonArray()
        .add(new JsonObject().put("name", "Union locale CGT").put("url", "https://cgt.example/ul"))
        .add(new JsonObject().put("name", "Collectif sans-papiers"))), 200);

    // invitations: Lille and Toulouse; the same twice, itself, a person are refused
    grenoble.json("POST", api + "/invitations", gTok, new JsonObject().put("handle", lille.handle("lille")), 201);
    grenoble.json("POST", api + "/invitations", gTok, new JsonObject().put("handle", toulouse.handle("toulouse")), 201);
    assertEquals(409, grenoble.send("POST", api + "/invitations", gTok,
        new JsonObject().put("handle", lille.handle("lille"))).statusCode());
    assertEquals(422, grenoble.send("POST", api + "/invitations", gTok,
        new JsonObject().put("handle", grenoble.handle("grenoble"))).statusCode());
    assertEquals(422, grenoble.send("POST", api + "/invitations", gTok,
        new JsonObject().put("handle", fans.handle("fan"))).statusCode());
    assertEquals(403, grenoble.send("POST", api + "/invitations", lTokOn(grenoble),
        new JsonObject().put("handle", toulouse.handle("toulouse"))).statusCode());

    JsonObject lilleInvite = Await.value("Lille's invitation", () -> pending(lille, lTok, "lille"));
    JsonObject toulouseInvite = Await.value("Toulouse's invitation", () -> pending(toulouse, tTok, "toulouse"));
    assertEquals("Toutes et tous dans la rue le 9 octobre", lilleInvite.getString("callTitle"));
    assertEquals(call, lilleInvite.getString("call"));
    assertEquals("Collectif de Grenoble", lilleInvite.getString("inviterName"));

    // a forged Accept of Toulouse's invitation, validly signed by a third party: refused, nothing changes
    String toulouseInviteId = sentInvite(toulouse.actor("toulouse").toString());
    try (SignedPoster poster = new SignedPoster(vertx)) {
      int status = poster.post(URI.create(grenoble.base + "/actors/grenoble/inbox"), new JsonObject()
          .put("@context", "https://www.w3.org/ns/activitystreams")
          .put("id", fans.url() + "/forged-accept").put("type", "Accept").put("actor", fans.actorId("mallory").toString())
          .put("object", toulouseInviteId).put("to", new JsonArray().add(grenoble.actor("grenoble").toString())),
          SignedPoster.signerOf(fans.federation(), "mallory"));
      assertTrue(status == 202 || status == 200 || status == 403, "forged accept answered " + status);
    }
    assertFalse(federatedNames(grenoble, call).contains("mallory"));
    assertEquals("pending", invitedState(toulouse.actor("toulouse").toString()));

    // Lille accepts, Toulouse declines
    lille.json("POST", "/api/collectives/lille/cosign/incoming/" + lilleInvite.getString("id") + "/accept", lTok,
        new JsonObject(), 200);
    toulouse.json("POST", "/api/collectives/toulouse/cosign/incoming/" + toulouseInvite.getString("id")
        + "/decline", tTok, new JsonObject(), 200);
    assertEquals(409, lille.send("POST", "/api/collectives/lille/cosign/incoming/" + lilleInvite.getString("id")
        + "/decline", lTok, new JsonObject()).statusCode());

    Await.until("Lille signs on Grenoble's node", () -> federatedNames(grenoble, call).contains("Collectif de Lille"));
    Await.until("Toulouse declined on Grenoble's node", () -> "declined".equals(
        invitedState(toulouse.actor("toulouse").toString())));

    // Grenoble invites Toulouse again, then cancels: the invitation is withdrawn on Toulouse's node
    grenoble.json("POST", api + "/invitations", gTok, new JsonObject().put("handle", toulouse.handle("toulouse")), 201);
    Await.value("Toulouse's second invitation", () -> pending(toulouse, tTok, "toulouse"));
    grenoble.json("POST", api + "/invitations/cancel", gTok,
        new JsonObject().put("actor", toulouse.actor("toulouse").toString()), 200);
    Await.until("Toulouse's second invitation withdrawn", () -> pending(toulouse, tTok, "toulouse") == null);
    assertEquals("withdrawn", invitedState(toulouse.actor("toulouse").toString()));

    // the collection on Grenoble's node, as another server reads it
    JsonObject page = asJson(grenoble, collection + "?page=true");
    List<String> items = page.getJsonArray("orderedItems").stream().map(o -> ((JsonObject) o).getString("name"))
        .collect(Collectors.toList());
    assertEquals(List.of("Collectif de Lille", "Union locale CGT", "Collectif sans-papiers"), items);
    assertEquals(lille.actor("lille").toString(), page.getJsonArray("orderedItems").getJsonObject(0).getString("id"));
    assertEquals("Organization", page.getJsonArray("orderedItems").getJsonObject(1).getString("type"));
    assertFalse(page.getJsonArray("orderedItems").getJsonObject(1).containsKey("id"));
    assertEquals(3, asJson(grenoble, collection).getInteger("totalItems"));
    // the collective's feed names them, linked
    String rss = grenoble.get("/collectives/grenoble/calls.rss").body();
    assertTrue(rss.contains("Signataires") && rss.contains("Collectif de Lille") && rss.contains("Union locale CGT"), rss);
    // the call's document embeds them
    JsonObject doc = asJson(grenoble, call);
    assertEquals(collection, doc.getJsonObject("signatories").getString("id"));
    assertEquals(3, doc.getJsonObject("signatories").getJsonArray("orderedItems").size());

    // Lille's follower got the call from Lille itself
    Await.until("the fan got Lille's Announce of the call", () -> fanAnnounces.received().stream()
        .anyMatch(a -> a.actor().equals(lille.actor("lille")) && call.equals(a.objectId())));
    // the national node and Lille's node show Lille among the signatories, with the plain-text ones
    Await.until("the national node sees Lille", () -> names(signatoriesOn(national, call)).contains("Collectif de Lille"));
    assertTrue(names(signatoriesOn(national, call)).contains("Union locale CGT"));
    Await.until("Lille's node sees Lille", () -> names(signatoriesOn(lille, call)).contains("Collectif de Lille"));
    assertEquals(call, lille.json("GET", "/api/collectives/lille/cosign/signed", null, null, 200)
        .getJsonArray("calls").getJsonObject(0).getString("call"));

    // a forged Add to Grenoble's collection, signed by a third party, sent to the national node and to Grenoble
    try (SignedPoster poster = new SignedPoster(vertx)) {
      for (FederatedTestNode target : List.of(national, grenoble)) {
        JsonObject add = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
            .put("id", fans.url() + "/forged-add-" + target.port).put("type", "Add")
            .put("actor", fans.actorId("mallory").toString()).put("object", fans.actorId("mallory").toString())
            .put("target", collection).put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"));
        int status = poster.post(URI.create(target.base + "/inbox"), add, SignedPoster.signerOf(fans.federation(), "mallory"));
        assertTrue(status == 202 || status == 200 || status == 403, "forged add answered " + status);
      }
    }
    assertEquals(names(signatoriesOn(grenoble, call)), names(signatoriesOn(national, call)));
    assertFalse(names(signatoriesOn(national, call)).stream().anyMatch(n -> n.contains("mallory")));
    assertEquals(3, asJson(grenoble, collection).getInteger("totalItems"));

    // Lille withdraws: gone everywhere, and its followers get the Undo of its Announce
    lille.json("POST", "/api/collectives/lille/cosign/withdraw", lTok, new JsonObject().put("call", call), 200);
    Await.until("Lille gone on Grenoble's node", () -> !federatedNames(grenoble, call).contains("Collectif de Lille"));
    Await.until("Lille gone on the national node", () -> !names(signatoriesOn(national, call)).contains("Collectif de Lille"));
    assertFalse(names(signatoriesOn(lille, call)).contains("Collectif de Lille"));
    assertEquals(2, asJson(grenoble, collection).getInteger("totalItems"));
    Await.until("the fan got the Undo of the Announce", () -> fanUndos.received().stream()
        .anyMatch(a -> a.actor().equals(lille.actor("lille"))));
    assertEquals("withdrawn", invitedState(lille.actor("lille").toString()));

    // invited again, Lille signs again, then withdraws the other documented way: Undo of its Accept
    grenoble.json("POST", api + "/invitations", gTok, new JsonObject().put("handle", lille.handle("lille")), 201);
    JsonObject again = Await.value("Lille's new invitation", () -> pending(lille, lTok, "lille"));
    lille.json("POST", "/api/collectives/lille/cosign/incoming/" + again.getString("id") + "/accept", lTok,
        new JsonObject(), 200);
    Await.until("Lille signs again", () -> federatedNames(grenoble, call).contains("Collectif de Lille"));
    String inviteId = sentInvite(lille.actor("lille").toString());
    JsonObject undo = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", lille.base + "/activities/undo-accept").put("type", "Undo").put("actor", lille.actor("lille").toString())
        .put("object", new JsonObject().put("id", lille.base + "/activities/some-accept").put("type", "Accept")
            .put("actor", lille.actor("lille").toString()).put("object", new JsonObject().put("id", inviteId)
                .put("type", "Invite").put("actor", grenoble.actor("grenoble").toString()).put("object", call)))
        .put("to", new JsonArray().add(grenoble.actor("grenoble").toString()));
    try (SignedPoster poster = new SignedPoster(vertx)) {
      assertEquals(202, poster.post(URI.create(grenoble.base + "/actors/grenoble/inbox"), undo,
          SignedPoster.signerOf(lille.federation(), "lille")));
    }
    assertFalse(federatedNames(grenoble, call).contains("Collectif de Lille"));

    // the author's editors remove a collective that signed: Toulouse, invited a third time, signs and is removed;
    // its own node ends the signature too and undoes its Announce
    grenoble.json("POST", api + "/invitations", gTok, new JsonObject().put("handle", toulouse.handle("toulouse")), 201);
    JsonObject third = Await.value("Toulouse's third invitation", () -> pending(toulouse, tTok, "toulouse"));
    toulouse.json("POST", "/api/collectives/toulouse/cosign/incoming/" + third.getString("id") + "/accept", tTok,
        new JsonObject(), 200);
    Await.until("Toulouse signs", () -> federatedNames(grenoble, call).contains("Collectif de Toulouse"));
    Await.until("the fan got Toulouse's Announce", () -> fanAnnounces.received().stream()
        .anyMatch(a -> a.actor().equals(toulouse.actor("toulouse"))));
    Await.until("the national node sees Toulouse", () -> names(signatoriesOn(national, call))
        .contains("Collectif de Toulouse"));
    String toulouseActor = toulouse.actor("toulouse").toString();
    JsonObject after = grenoble.json("POST", api + "/remove", gTok, new JsonObject().put("actor", toulouseActor), 200);
    assertFalse(after.getJsonArray("signatories").stream().anyMatch(x -> toulouseActor.equals(((JsonObject) x)
        .getString("actor"))), after.encode());
    assertEquals(404, grenoble.send("POST", api + "/remove", gTok, new JsonObject().put("actor", toulouseActor))
        .statusCode(), "no longer a signatory");
    assertEquals(404, grenoble.send("POST", api + "/remove", gTok, new JsonObject().put("actor",
        fans.actorId("mallory").toString())).statusCode(), "never a signatory");
    assertEquals(422, grenoble.send("POST", api + "/remove", gTok, new JsonObject()).statusCode(), "no actor");
    Await.until("Toulouse gone on the national node", () -> !names(signatoriesOn(national, call))
        .contains("Collectif de Toulouse"));
    Await.until("Toulouse's node ends its signature", () -> toulouse.json("GET",
        "/api/collectives/toulouse/cosign/signed", null, null, 200).getJsonArray("calls").isEmpty());
    Await.until("the fan got the Undo of Toulouse's Announce", () -> fanUndos.received().stream()
        .anyMatch(a -> a.actor().equals(toulouse.actor("toulouse"))));
  }

  // --- helpers

  private String lTokOn(FederatedTestNode node) {
    Await.result(node.accounts().users().create(new org.coordo.server.service.account.UserService.NewUser(
        "stranger", "stranger", "stranger-password-long"), false, java.util.Map.of()));
    return Await.result(node.accounts().sessions().createToken("stranger", "test")).token();
  }

  private static boolean followAccepted(org.coordo.federation.FederationContext fed, String local, URI remote) {
    return Await.result(fed.findFollowing(local, remote)).map(f -> f.state() == FollowState.ACCEPTED).orElse(false);
  }

  private static JsonObject pending(FederatedTestNode node, String token, String collective) {
    JsonArray all = node.json("GET", "/api/collectives/" + collective + "/cosign/incoming", token, null, 200)
        .getJsonArray("invitations");
    return all.stream().map(o -> (JsonObject) o).filter(i -> "pending".equals(i.getString("state"))).findFirst()
        .orElse(null);
  }

  private JsonObject editorView(String call) {
    String path = URI.create(call).getPath();
    return grenoble.json("GET", "/api" + path + "/signatories", gTok, null, 200);
  }

  private String invitedState(String actor) {
    return editorView(callOf()).getJsonArray("invited").stream().map(o -> (JsonObject) o)
        .filter(i -> actor.equals(i.getString("invited"))).findFirst().orElseThrow().getString("state");
  }

  private String sentInvite(String actor) {
    CallSignatories s = Await.result(grenoble.node.services().cosigning().signatories(Optional.of(editor()),
        "grenoble", URI.create(callOf()).getPath().replaceAll(".*/", "")));
    return s.invited().stream().filter(i -> i.invited().equals(actor)).findFirst().orElseThrow().inviteActivity();
  }

  private org.coordo.server.auth.Principal editor() {
    return new org.coordo.server.auth.Principal("x", "alice", true, java.util.Map.of());
  }

  private String lastCall;

  private String callOf() {
    if (lastCall == null) {
      lastCall = grenoble.json("GET", "/api/collectives/grenoble/calls", null, null, 200).getJsonArray("items")
          .getJsonObject(0).getString("url");
    }
    return lastCall;
  }

  private List<String> federatedNames(FederatedTestNode node, String call) {
    return signatoriesOn(node, call).map(s -> s.federated().stream().map(Signatory::name).toList()).orElse(List.of());
  }

  private static Optional<CallSignatories> signatoriesOn(FederatedTestNode node, String call) {
    return Await.result(node.node.services().cosigning().signatoriesOf(URI.create(call)));
  }

  private static List<String> names(Optional<CallSignatories> s) {
    return s.map(x -> x.signatories().stream().map(Signatory::name).toList()).orElse(List.of());
  }

  private static JsonObject asJson(FederatedTestNode node, String url) {
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/activity+json").GET().build());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return new JsonObject(r.body());
  }
}
