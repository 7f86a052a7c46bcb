package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The co-signature forms over real HTTP on two nodes (Grenoble invites, Lille answers): who may
 * open and post them (editors act, members of the invited collective read, anyone else 403 or 404),
 * the form token, the per-handle and per-line refusals that keep what was typed, and bad input of
 * every kind answered with a 4xx, never a 500.
 */
class CoSignPagesIT {
  @TempDir static Path dir;
  static WebTestNode g;
  static WebTestNode l;
  static Http onG;
  static Http onL;
  static String call;
  static String draft;

  /** A node's pages as one person sees them: their session and the node's form token. */
  record Http(WebTestNode n, String csrf, String csrfCookie) {
    static Http of(WebTestNode n) {
      HttpResponse<String> page = TestNodes.get(n.port, "/espace/login");
      String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coordo_csrf="))
          .findFirst().orElseThrow().split(";", 2)[0];
      return new Http(n, cookie.substring(cookie.indexOf('=') + 1), cookie);
    }

    String session(String user, String password) {
      HttpResponse<String> login = TestNodes.post(n.port, "/api/session", new JsonObject().put("username", user)
          .put("password", password).encode());
      assertEquals(200, login.statusCode(), login.body());
      return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0] + "; " + csrfCookie;
    }

    HttpResponse<String> get(String path, String cookie) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.base + path));
      if (cookie != null) {
        b.header("Cookie", cookie);
      }
      return TestNodes.send(b.build());
    }

    HttpResponse<String> post(String path, String cookie, Map<String, String> fields) {
      StringBuilder form = new StringBuilder("csrf=" + csrf);
      fields.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return raw(path, cookie, form.toString());
    }

    HttpResponse<String> raw(String path, String cookie, String body) {
      return TestNodes.send(HttpRequest.newBuilder(URI.create(n.base + path)).header("Cookie", cookie)
          .header("Origin", n.base).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
  }

  @BeforeAll
  static void start() {
    g = WebTestNode.start(dir.resolve("g"));
    l = WebTestNode.start(dir.resolve("l"));
    var ga = g.node.services().accounts();
    TestNodes.await(ga.collectives().create("autre", "Autre collectif", "", false));
    user(g, "marc", Map.of("grenoble", Role.MEMBER));
    user(g, "bea", Map.of("autre", Role.EDITOR));
    var la = l.node.services().accounts();
    TestNodes.await(la.collectives().create("lille", "Collectif lillois", "", false));
    TestNodes.await(la.collectives().create("roubaix", "Roubaix", "", false));
    user(l, "lea", Map.of("lille", Role.EDITOR));
    user(l, "lou", Map.of("lille", Role.MEMBER));
    user(l, "rob", Map.of("roubaix", Role.EDITOR));
    onG = Http.of(g);
    onL = Http.of(l);
    call = create(g, "Pour des logements dignes", true);
    draft = create(g, "Brouillon", false);
  }

  @AfterAll
  static void stop() {
    if (l != null) {
      l.close();
    }
    if (g != null) {
      g.close();
    }
  }

  private static void user(WebTestNode n, String name, Map<String, Role> roles) {
    TestNodes.await(n.node.services().accounts().users().create(
        new UserService.NewUser(name, name, name + "-password-long"), false, roles));
  }

  private static String create(WebTestNode n, String title, boolean publish) {
    String token = TestNodes.await(n.node.services().accounts().sessions().createToken(WebTestNode.EDITOR, "t")).token();
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(n.base + "/api/collectives/grenoble/calls"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", title).put("content", "Texte.")
            .put("publish", publish).encode())).build());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("id");
  }

  private static String alice() {
    return onG.session(WebTestNode.EDITOR, WebTestNode.PASSWORD);
  }

  private static String page(String id) {
    return "/espace/grenoble/calls/" + id + "/cosign";
  }

  @Test
  void theCoSignPageIsTheCollectivesEditorsAndSaysWhenACallCannotBeCoSigned() {
    String alice = alice();
    HttpResponse<String> ok = onG.get(page(call), alice);
    assertEquals(200, ok.statusCode());
    assertTrue(ok.body().contains("Proposer à la co-signature") && ok.body().contains("Pour des logements dignes"));
    String english = onG.get(page(call) + "?lang=en", alice).body();
    assertTrue(english.contains("Invite to co-sign") && english.contains("Other signatories (not on the fediverse)"));
    assertEquals(403, onG.get(page(call), onG.session("marc", "marc-password-long")).statusCode(), "a member");
    assertEquals(403, onG.get(page(call), onG.session("bea", "bea-password-long")).statusCode(), "another collective's editor");
    HttpResponse<String> anonymous = onG.get(page(call), null);
    assertEquals(303, anonymous.statusCode());
    assertEquals("/espace/login", anonymous.headers().firstValue("Location").orElseThrow());
    assertEquals(404, onG.get(page("0unknown"), alice).statusCode());
    assertEquals(404, onG.get("/espace/autre/calls/" + call + "/cosign", onG.session("bea", "bea-password-long"))
        .statusCode(), "Grenoble's call under another collective's path");
    HttpResponse<String> notYet = onG.get(page(draft), alice);
    assertEquals(200, notYet.statusCode());
    assertTrue(notYet.body().contains("Publiez-le d’abord"), notYet.body());
    assertFalse(notYet.body().contains("name=\"handles\""), "no invitation form for a draft");
    // the space links the public call's page, not the draft's
    String space = onG.get("/espace", alice).body();
    assertTrue(space.contains("href=\"" + page(call) + "\""));
    assertFalse(space.contains("href=\"" + page(draft) + "\""));
    assertFalse(onG.get("/espace", onG.session("marc", "marc-password-long")).body().contains(page(call)),
        "a member is not offered what only editors may do");
  }

  @Test
  void refusedHandlesComeBackEachWithItsReasonAndTheTextKept() {
    String alice = alice();
    HttpResponse<String> typo = onG.post(page(call) + "/invite", alice, Map.of("handles", "lille\n@a@b\u0001c"));
    assertEquals(422, typo.statusCode());
    assertTrue(typo.body().contains("« lille » n’est pas une adresse de collectif"), typo.body());
    assertTrue(typo.body().contains("« @a@b?c »"), "control characters are not echoed");
    assertTrue(typo.body().contains(">lille\n@a@b"), "the text is kept");
    assertEquals(422, onG.post(page(call) + "/invite", alice, Map.of()).statusCode(), "missing field");
    HttpResponse<String> huge = onG.post(page(call) + "/invite", alice, Map.of("handles", "@x@y.example ".repeat(50_000)));
    assertTrue(huge.statusCode() == 422 || huge.statusCode() == 413, "huge: " + huge.statusCode());

    HttpResponse<String> unknown = onG.post(page(call) + "/invite", alice,
        Map.of("handles", "@personne@127.0.0.1:" + l.port));
    assertEquals(422, unknown.statusCode());
    assertTrue(unknown.body().contains("aucun collectif trouvé"), unknown.body());
    HttpResponse<String> self = onG.post(page(call) + "/invite", alice, Map.of("handles", "@grenoble@127.0.0.1:" + g.port));
    assertEquals(422, self.statusCode());
    assertTrue(self.body().contains("est un collectif de ce même site"), self.body());
    HttpResponse<String> down = onG.post(page(call) + "/invite", alice, Map.of("handles", "@x@127.0.0.1:1"));
    assertEquals(422, down.statusCode());
    assertTrue(down.body().contains("son serveur ne répond pas"), down.body());

    HttpResponse<String> sent = onG.post(page(call) + "/invite", alice, Map.of("handles", "@lille@127.0.0.1:" + l.port));
    assertEquals(303, sent.statusCode(), sent.body());
    HttpResponse<String> again = onG.post(page(call) + "/invite", alice, Map.of("handles", "lille@127.0.0.1:" + l.port));
    assertEquals(422, again.statusCode());
    assertTrue(again.body().contains("est déjà invité"), again.body());
    assertTrue(onG.get(page(call), alice).body().contains("en attente"));
  }

  @Test
  void plainTextSignatoriesAreCheckedLineByLineAndShownOnTheCall() {
    String alice = alice();
    HttpResponse<String> bad = onG.post(page(call) + "/signatories", alice,
        Map.of("signatories", "Union locale | javascript:alert(1)\nBon nom"));
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("Ligne 1 : « javascript:alert(1) » n’est pas un lien valable"), bad.body());
    assertTrue(bad.body().contains("Bon nom"), "kept");
    HttpResponse<String> many = onG.post(page(call) + "/signatories", alice, Map.of("signatories", "Nom\n".repeat(201)));
    assertEquals(422, many.statusCode());
    HttpResponse<String> ok = onG.post(page(call) + "/signatories", alice,
        Map.of("signatories", "Union locale CGT | https://ul-cgt.example\r\n<b>Amis</b>"));
    assertEquals(303, ok.statusCode(), ok.body());
    String shown = onG.get("/collectives/grenoble/calls/" + call, null).body();
    assertTrue(shown.contains("<h2 id=\"signatories\">Signataires</h2>"), shown);
    assertTrue(shown.contains("href=\"https://ul-cgt.example\"") && shown.contains("&lt;b&gt;Amis&lt;/b&gt;"), shown);
    assertEquals(403, onG.post(page(call) + "/signatories", onG.session("marc", "marc-password-long"),
        Map.of("signatories", "Intrus")).statusCode());
  }

  @Test
  void aFormWithoutItsTokenIsRefused() {
    String alice = alice();
    HttpResponse<String> r = onG.raw(page(call) + "/invite", alice, "handles=%40lille%40lille.example");
    assertEquals(403, r.statusCode());
    assertEquals(403, onL.raw("/espace/lille/cosign/01x/sign", onL.session("lea", "lea-password-long"), "").statusCode());
  }

  @Test
  void theInvitedCollectiveReadsItsInvitationsAndOnlyItsEditorsAnswerThem() {
    String alice = alice();
    String second = inviteLille(alice, "Contre les expulsions");
    String lou = onL.session("lou", "lou-password-long");
    String lea = onL.session("lea", "lea-password-long");
    String list = onL.get("/espace/lille/cosign", lou).body();
    assertFalse(list.contains("/sign\""), "a member reads, without the buttons");
    String id = invitationId(onL.get("/espace/lille/cosign", lea).body(), "Contre les expulsions");
    assertTrue(onL.get("/espace", lea).body().contains("class=\"badge\""), "a count in the members' space");
    assertEquals(403, onL.post("/espace/lille/cosign/" + id + "/sign", lou, Map.of()).statusCode(), "a member");
    String rob = onL.session("rob", "rob-password-long");
    assertEquals(404, onL.post("/espace/roubaix/cosign/" + id + "/sign", rob, Map.of()).statusCode(),
        "another collective's invitation");
    assertEquals(403, onL.post("/espace/lille/cosign/" + id + "/sign", rob, Map.of()).statusCode());
    for (String wrong : List.of("0unknown", "x".repeat(300), "%2e%2e", "a%00b", "01%20x")) {
      int status = onL.post("/espace/lille/cosign/" + wrong + "/decline", lea, Map.of()).statusCode();
      assertTrue(status == 404 || status == 400, wrong + ": " + status);
    }
    HttpResponse<String> declined = onL.post("/espace/lille/cosign/" + id + "/decline", lea, Map.of());
    assertEquals(303, declined.statusCode(), declined.body());
    assertTrue(onL.get("/espace/lille/cosign", lea).body().contains("déclinée"));
    assertEquals(409, onL.post("/espace/lille/cosign/" + id + "/sign", lea, Map.of()).statusCode(),
        "an invitation already answered");
    TestNodes.waitUntil(Duration.ofSeconds(20), "Grenoble learns it", () ->
        onG.get(page(second), alice).body().contains("a décliné"));
  }

  @Test
  void theAuthorsEditorsRemoveACollectiveThatSignedAfterAConfirmation() {
    String alice = alice();
    String third = inviteLille(alice, "Pour le logement");
    String lea = onL.session("lea", "lea-password-long");
    String id = invitationId(onL.get("/espace/lille/cosign", lea).body(), "Pour le logement");
    assertEquals(303, onL.post("/espace/lille/cosign/" + id + "/sign", lea, Map.of()).statusCode());
    TestNodes.waitUntil(Duration.ofSeconds(20), "Grenoble sees Lille sign", () ->
        onG.get(page(third), alice).body().contains("a signé"));
    assertTrue(onL.get("/collectives/lille", null).body().contains("Pour le logement"),
        "Lille's page lists the call among its co-signed calls");
    String lilleActor = "http://127.0.0.1:" + l.port + "/actors/lille";
    assertTrue(onG.get(page(third), alice).body().contains("action=\"" + page(third) + "/remove\""),
        "a remove button for the collective that signed");

    HttpResponse<String> asked = onG.post(page(third) + "/remove", alice, Map.of("actor", lilleActor));
    assertEquals(200, asked.statusCode(), asked.body());
    assertTrue(asked.body().contains("des signataires ?"), "the confirmation page: " + asked.body());
    assertTrue(onG.get(page(third), alice).body().contains("a signé"), "nothing changed before confirming");
    HttpResponse<String> removed = onG.post(page(third) + "/remove", alice,
        Map.of("actor", lilleActor, "confirm", "yes"));
    assertEquals(303, removed.statusCode(), removed.body());
    assertFalse(onG.get(page(third), alice).body().contains("a signé"));
    TestNodes.waitUntil(Duration.ofSeconds(20), "Lille's page no longer lists the call", () ->
        !onL.get("/collectives/lille", null).body().contains("Pour le logement"));
    assertEquals(404, onG.post(page(third) + "/remove", alice, Map.of("actor", lilleActor, "confirm", "yes"))
        .statusCode(), "no longer a signatory");
    String never = create(g, "Jamais proposé à la co-signature", true);
    assertEquals(404, onG.post(page(never) + "/remove", alice, Map.of("actor", lilleActor, "confirm", "yes"))
        .statusCode(), "a call nobody was invited to sign");
    assertEquals(403, onG.post(page(third) + "/remove", onG.session("bea", "bea-password-long"),
        Map.of("actor", lilleActor)).statusCode(), "only the collective's editors");
  }

  /** Grenoble publishes a call titled {@code title} and invites Lille, whose members' space lists it; its id. */
  private static String inviteLille(String alice, String title) {
    String call = create(g, title, true);
    assertEquals(303, onG.post(page(call) + "/invite", alice, Map.of("handles", "@lille@127.0.0.1:" + l.port))
        .statusCode());
    TestNodes.waitUntil(Duration.ofSeconds(20), "the invitation reaches Lille", () ->
        onL.get("/espace/lille/cosign", onL.session("lou", "lou-password-long")).body().contains(title));
    return call;
  }

  /** The id of the pending invitation for {@code title} in the list's sign form. */
  static String invitationId(String html, String title) {
    int at = html.indexOf(title);
    int form = html.indexOf("/espace/lille/cosign/", at);
    return html.substring(form + "/espace/lille/cosign/".length(), html.indexOf("/sign\"", form));
  }

  @Test
  void noCoSignFormAnswersBadInputWithAServerError() {
    String alice = alice();
    String lea = onL.session("lea", "lea-password-long");
    Map<String, String> odd = new LinkedHashMap<>();
    odd.put("handles", "\u0000\u0007@x@y\uFFFF");
    odd.put("signatories", "a\u0000b | http://\u0001");
    odd.put("actor", "not a uri ::: \u0000");
    odd.put("confirm", "yes");
    List<String> failures = new ArrayList<>();
    for (String path : List.of(page(call) + "/invite", page(call) + "/cancel", page(call) + "/signatories",
        page(call) + "/remove", page("0unknown") + "/invite", page("0unknown") + "/cancel",
        page("0unknown") + "/signatories", page("0unknown") + "/remove")) {
      for (Map<String, String> body : List.of(Map.<String, String>of(), odd, Map.of("handles", "é".repeat(200_000)),
          Map.of("signatories", "x".repeat(10_000)), Map.of("actor", "https://lille.example/actors/nobody"))) {
        int status = onG.post(path, alice, body).statusCode();
        if (status >= 500) {
          failures.add(path + " " + body.keySet() + " → " + status);
        }
      }
    }
    for (String action : List.of("sign", "decline", "withdraw")) {
      for (Map<String, String> body : List.of(Map.<String, String>of(), odd)) {
        int status = onL.post("/espace/lille/cosign/0unknown/" + action, lea, body).statusCode();
        if (status >= 500 || (status != 404 && status != 400)) {
          failures.add(action + " " + body.keySet() + " → " + status);
        }
      }
    }
    assertEquals(List.of(), failures);
  }
}
