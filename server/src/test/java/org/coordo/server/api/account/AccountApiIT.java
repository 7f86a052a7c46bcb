package org.coordo.server.api.account;

import org.coordo.server.app.NodeOptions;
import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.service.account.AccountsFixture;
import org.coordo.server.service.account.UserService.NewUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account API on a real node (RocksDB in a temp dir, HTTP on 127.0.0.1, port 0). */
class AccountApiIT {
  @TempDir static Path dir;
  static Node node;
  static int port;

  @BeforeAll
  static void start() {
    NodeConfig config = TestNodes.config(dir, Map.of());
    node = startWith(config);
    port = node.port();
    var accounts = node.services().accounts();
    await(accounts.collectives().create("lyon", "Lyon", null, false));
    await(accounts.collectives().create("paris", "Paris", null, false));
    await(accounts.users().create(new NewUser("root", "Root", "root-password"), true, Map.of()));
    await(accounts.users().create(new NewUser("ed", "Ed", "ed-password"), false, Map.of("lyon", Role.EDITOR)));
    await(accounts.users().create(new NewUser("mo", "Mo", "mo-password"), false, Map.of("lyon", Role.MEMBER)));
    await(accounts.users().create(new NewUser("rita", "Rita", "rita-password"), false, Map.of()));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      await(node.stop());
    }
  }

  @Test
  void loginSetsAHardenedCookieAndLogoutRevokesIt() {
    HttpResponse<String> login = post("/api/session", new JsonObject().put("username", "ed").put("password", "ed-password"));
    assertEquals(200, login.statusCode(), login.body());
    assertEquals("ed", new JsonObject(login.body()).getString("username"));
    assertEquals("editor", new JsonObject(login.body()).getJsonObject("roles").getString("lyon"));
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.startsWith("coordo_session="), setCookie);
    assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    assertTrue(setCookie.contains("Path=/"), setCookie);
    assertTrue(setCookie.contains("Max-Age="), setCookie);
    assertFalse(setCookie.contains("Secure"), "http public URL: no Secure flag: " + setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> me = send(get("/api/me").header("Cookie", cookie));
    assertEquals(200, me.statusCode(), me.body());
    assertEquals("Ed", new JsonObject(me.body()).getString("displayName"));

    HttpResponse<String> logout = send(request("/api/session").header("Cookie", cookie).DELETE());
    assertEquals(204, logout.statusCode());
    assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));

    HttpResponse<String> after = send(get("/api/me").header("Cookie", cookie));
    assertEquals(401, after.statusCode(), "revoked session refused");
    assertEquals(401, new JsonObject(after.body()).getInteger("status"));
    assertEquals(200, send(get("/api/collectives").header("Cookie", cookie)).statusCode(),
        "a stale cookie makes an anonymous visitor, not an error");
  }

  @Test
  void wrongCredentialsAreRefusedGenericallyThenRateLimited() {
    JsonObject wrong = new JsonObject().put("username", "rita").put("password", "guess-guess");
    HttpResponse<String> first = post("/api/session", wrong);
    assertEquals(401, first.statusCode());
    assertEquals("Wrong username or password.", new JsonObject(first.body()).getString("error"));
    assertEquals(first.body(), post("/api/session", new JsonObject().put("username", "nobody").put("password", "x")).body());
    for (int i = 0; i < 4; i++) {
      assertEquals(401, post("/api/session", wrong).statusCode());
    }
    HttpResponse<String> limited = post("/api/session", new JsonObject().put("username", "rita").put("password", "rita-password"));
    assertEquals(429, limited.statusCode(), limited.body());
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 800 && retryAfter <= 900, "about 15 minutes: " + retryAfter);
  }

  @Test
  void behindAProxyTheRateLimitKeysOnTheForwardedClientAddress(@TempDir Path proxied) {
    // not behind a proxy: X-Forwarded-For is anyone's to write, so it is ignored
    await(node.services().accounts().users().create(new NewUser("nina", "Nina", "nina-password"), false, Map.of()));
    JsonObject wrong = new JsonObject().put("username", "nina").put("password", "guess-guess");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, post("/api/session", wrong, "X-Forwarded-For", "198.51.100." + i).statusCode());
    }
    assertEquals(429, post("/api/session", wrong, "X-Forwarded-For", "198.51.100.99").statusCode());

    Node behind = startWith(TestNodes.config(proxied, Map.of("COORDO_HTTP_BEHIND_PROXY", "true")));
    try {
      await(behind.services().accounts().users().create(new NewUser("zoe", "Zoe", "zoe-password"), false, Map.of()));
      JsonObject wrongZoe = new JsonObject().put("username", "zoe").put("password", "guess-guess");
      for (int i = 0; i < 5; i++) {
        assertEquals(401, TestNodes.post(behind.port(), "/api/session", wrongZoe.encode(),
            "X-Forwarded-For", "203.0.113.7").statusCode());
      }
      assertEquals(429, TestNodes.post(behind.port(), "/api/session", wrongZoe.encode(),
          "X-Forwarded-For", "203.0.113.7").statusCode());
      // another visitor behind the same proxy is not locked out by the first one's failures
      assertEquals(200, TestNodes.post(behind.port(), "/api/session",
          new JsonObject().put("username", "zoe").put("password", "zoe-password").encode(),
          "X-Forwarded-For", "203.0.113.8").statusCode());
    } finally {
      await(behind.stop());
    }
  }

  @Test
  void bearerTokensWorkOnTheApiUntilRevoked() {
    String cookie = login("root", "root-password");
    HttpResponse<String> created = send(request("/api/me/tokens").header("Cookie", cookie)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("label", "cron").encode())));
    assertEquals(201, created.statusCode(), created.body());
    JsonObject token = new JsonObject(created.body());
    String bearer = "Bearer " + token.getString("token");

    HttpResponse<String> me = send(get("/api/me").header("Authorization", bearer));
    assertEquals(200, me.statusCode());
    assertTrue(new JsonObject(me.body()).getBoolean("admin"));
    HttpResponse<String> list = send(get("/api/me/tokens").header("Authorization", bearer));
    assertFalse(list.body().contains(token.getString("token")), "secrets are never listed");

    assertEquals(401, send(get("/api/me").header("Authorization", "Bearer " + "A".repeat(43))).statusCode());
    assertEquals(204, send(request("/api/me/tokens/" + token.getString("id")).header("Authorization", bearer).DELETE()).statusCode());
    assertEquals(401, send(get("/api/me").header("Authorization", bearer)).statusCode());
  }

  @Test
  void rolesAreEnforcedWithClearMessages() {
    String member = login("mo", "mo-password");
    String editor = login("ed", "ed-password");
    JsonObject collective = new JsonObject().put("name", "marseille").put("displayName", "Marseille");

    HttpResponse<String> anonymous = post("/api/collectives", collective);
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> byMember = post("/api/collectives", collective, "Cookie", member);
    assertEquals(403, byMember.statusCode());
    assertEquals("Only a node administrator can do this.", new JsonObject(byMember.body()).getString("error"));

    JsonObject invite = new JsonObject().put("role", "member");
    assertEquals(403, post("/api/collectives/lyon/invitations", invite, "Cookie", member).statusCode(), "member cannot invite");
    HttpResponse<String> otherCollective = post("/api/collectives/paris/invitations", invite, "Cookie", editor);
    assertEquals(403, otherCollective.statusCode(), "editor of lyon cannot act for paris");
    assertTrue(new JsonObject(otherCollective.body()).getString("error").contains("'paris'"));
    assertEquals(201, post("/api/collectives/lyon/invitations", invite, "Cookie", editor).statusCode());

    assertEquals(403, send(get("/api/collectives/lyon/members").header("Cookie", member)).statusCode());
    HttpResponse<String> members = send(get("/api/collectives/lyon/members").header("Cookie", editor));
    assertEquals(200, members.statusCode());
    List<String> names = new JsonObject(members.body()).getJsonArray("members").stream()
        .map(m -> ((JsonObject) m).getString("username")).toList();
    assertTrue(names.containsAll(List.of("ed", "mo")), names.toString());
    assertFalse(names.contains("root"), "node admins are not members unless given a role");
  }

  @Test
  void adminManagesCollectivesAndMembers() {
    String admin = login("root", "root-password");
    HttpResponse<String> bad = post("/api/collectives",
        new JsonObject().put("name", "Not Valid").put("displayName", " "), "Cookie", admin);
    assertEquals(422, bad.statusCode(), bad.body());
    JsonObject fields = new JsonObject(bad.body()).getJsonObject("fields");
    assertEquals(List.of("name", "displayName"), List.copyOf(fields.fieldNames()));
    assertEquals(422, post("/api/collectives", new JsonObject().put("name", 42), "Cookie", admin).statusCode());
    assertEquals(400, send(request("/api/collectives").header("Cookie", admin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{not json"))).statusCode());
    assertEquals(403, send(request("/api/collectives").header("Cookie", admin).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"csrf\"}"))).statusCode(),
        "no form-borne JSON on the session cookie (the CrossSiteGuard)");

    HttpResponse<String> created = post("/api/collectives",
        new JsonObject().put("name", "nantes").put("displayName", "Nantes").put("description", "On *lutte*.")
            .put("manuallyApprovesFollowers", true), "Cookie", admin);
    assertEquals(201, created.statusCode(), created.body());
    JsonObject nantes = new JsonObject(created.body());
    assertTrue(nantes.getString("actor").endsWith("/actors/nantes"));
    assertEquals("<p>On <em>lutte</em>.</p>", nantes.getString("descriptionHtml"));
    assertTrue(nantes.getBoolean("manuallyApprovesFollowers"));
    assertEquals(422, post("/api/collectives", new JsonObject().put("name", "ed"), "Cookie", admin).statusCode(),
        "a username is taken for collectives too");

    HttpResponse<String> patched = send(request("/api/collectives/nantes").header("Cookie", admin)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"manuallyApprovesFollowers\": false}")));
    assertEquals(200, patched.statusCode(), patched.body());
    assertFalse(new JsonObject(patched.body()).getBoolean("manuallyApprovesFollowers"));

    HttpResponse<String> put = send(request("/api/collectives/nantes/members/mo").header("Cookie", admin)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"role\": \"editor\"}")));
    assertEquals(200, put.statusCode(), put.body());
    String mo = login("mo", "mo-password");
    JsonObject roles = new JsonObject(send(get("/api/me").header("Cookie", mo)).body()).getJsonObject("roles");
    assertEquals(new JsonObject().put("lyon", "member").put("nantes", "editor"), roles);
    assertEquals(204, send(request("/api/collectives/nantes/members/mo").header("Cookie", admin).DELETE()).statusCode());
    assertEquals(404, send(request("/api/collectives/nantes/members/mo").header("Cookie", admin).DELETE()).statusCode());
    assertTrue(send(get("/api/collectives")).body().contains("\"nantes\""));
  }

  @Test
  void invitationLinksCreateAccountsOnce() {
    String admin = login("root", "root-password");
    HttpResponse<String> created = post("/api/collectives/paris/invitations",
        new JsonObject().put("role", "editor").put("expiresDays", 2), "Cookie", admin);
    assertEquals(201, created.statusCode(), created.body());
    String link = new JsonObject(created.body()).getString("link");
    String token = link.substring(link.lastIndexOf('/') + 1);
    assertTrue(link.contains("/invitations/"), link);

    HttpResponse<String> check = send(get("/api/invitations/" + token));
    assertEquals(200, check.statusCode());
    assertEquals("paris", new JsonObject(check.body()).getString("collective"));

    HttpResponse<String> weak = post("/api/invitations/" + token + "/accept",
        new JsonObject().put("username", "zoe").put("password", "short"));
    assertEquals(422, weak.statusCode());
    assertEquals("at least 10 characters", new JsonObject(weak.body()).getJsonObject("fields").getString("password"));

    JsonObject zoe = new JsonObject().put("username", "zoe").put("displayName", "Zoé").put("password", "zoe-password");
    HttpResponse<String> accepted = post("/api/invitations/" + token + "/accept", zoe);
    assertEquals(201, accepted.statusCode(), accepted.body());
    assertEquals(410, post("/api/invitations/" + token + "/accept", zoe.copy().put("username", "zoe2")).statusCode());
    assertEquals(410, send(get("/api/invitations/" + token)).statusCode());
    assertEquals(404, send(get("/api/invitations/nope")).statusCode());

    String session = login("zoe", "zoe-password");
    JsonObject me = new JsonObject(send(get("/api/me").header("Cookie", session)).body());
    assertEquals("editor", me.getJsonObject("roles").getString("paris"));

    String toLyon = new JsonObject(post("/api/collectives/lyon/invitations",
        new JsonObject().put("role", "member"), "Cookie", admin).body()).getString("link");
    String joinPath = "/api/invitations/" + toLyon.substring(toLyon.lastIndexOf('/') + 1) + "/join";
    assertEquals(401, post(joinPath, new JsonObject()).statusCode(), "joining needs an account");
    HttpResponse<String> joined = post(joinPath, new JsonObject(), "Cookie", session);
    assertEquals(200, joined.statusCode(), joined.body());
    me = new JsonObject(send(get("/api/me").header("Cookie", session)).body());
    assertEquals(new JsonObject().put("paris", "editor").put("lyon", "member"), me.getJsonObject("roles"));

    HttpResponse<String> changed = post("/api/me/password",
        new JsonObject().put("oldPassword", "zoe-password").put("newPassword", "zoe-password-2"), "Cookie", session);
    assertEquals(204, changed.statusCode(), changed.body());
    assertEquals(200, send(get("/api/me").header("Cookie", session)).statusCode(), "current session kept");
    login("zoe", "zoe-password-2");
  }

  @Test
  void cookiesAreSecureWhenThePublicUrlIsHttps(@TempDir Path other) {
    Node https = startWith(TestNodes.config(other, Map.of("COORDO_PUBLIC_URL", "https://coordo.example")));
    try {
      await(https.services().accounts().users().create(new NewUser("sam", null, "sam-password"), false, Map.of()));
      HttpResponse<String> login = TestNodes.post(https.port(), "/api/session",
          new JsonObject().put("username", "sam").put("password", "sam-password").encode());
      assertEquals(200, login.statusCode(), login.body());
      String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(setCookie.contains("; Secure"), setCookie);
    } finally {
      await(https.stop());
    }
  }

  // --- helpers

  /** The standard node, with cheap password hashing. */
  static Node startWith(NodeConfig config) {
    return await(Node.start(config, NodeOptions.standard().withHashing(AccountsFixture.CHEAP)));
  }

  private static String login(String username, String password) {
    HttpResponse<String> r = post("/api/session", new JsonObject().put("username", username).put("password", password));
    assertEquals(200, r.statusCode(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(TestNodes.uri(port, path));
  }

  private static HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private static HttpResponse<String> post(String path, JsonObject body, String... headers) {
    return TestNodes.post(port, path, body.encode(), headers);
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) {
    return TestNodes.send(builder.build());
  }
}
