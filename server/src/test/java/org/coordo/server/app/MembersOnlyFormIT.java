package org.coordo.server.app;

import static org.coordo.server.app.TestNodes.await;
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
import java.util.Map;
import org.coordo.server.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form's visibility choice on a whole node: chosen on a new publication, locked once public, refused with a reason. */
class MembersOnlyFormIT {
  @TempDir Path dir;
  MembersOnlyLeakIT.City a;

  @AfterEach
  void stop() {
    if (a != null) {
      await(a.node.stop());
    }
  }

  private HttpResponse<String> post(String path, String cookie, Map<String, String> fields) {
    StringBuilder form = new StringBuilder("csrf=" + a.csrf);
    fields.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return TestNodes.send(HttpRequest.newBuilder(URI.create(a.base + path)).header("Cookie", cookie)
        .header("Origin", a.base).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
  }

  private HttpResponse<String> get(String path, String cookie) {
    return TestNodes.send(HttpRequest.newBuilder(URI.create(a.base + path)).header("Cookie", cookie).build());
  }

  @Test
  void theFormPublishesForMembersOnlyAndRefusesToMakeAPublicPublicationInternal() {
    a = new MembersOnlyLeakIT.City(dir);
    await(a.accounts().collectives().create("grenoble", "Grenoble", "", false));
    String token = a.user("alice", Map.of("grenoble", Role.EDITOR));
    String cookie = a.sessionCookie("alice");

    // a new call, for the members: published, marked, not public
    HttpResponse<String> created = post("/espace/grenoble/calls/new", cookie, Map.of("title", "Appel interne",
        "content", "Réservé.", "visibility", "members", "action", "publish"));
    assertEquals(303, created.statusCode(), created.body());
    String page = created.headers().firstValue("Location").orElseThrow();
    assertTrue(get(page, cookie).body().contains("internal-mark"));
    assertEquals(404, TestNodes.get(a.port, page).statusCode());

    // a public one: the edit form locks the choice and says why
    String id = a.create(token, "calls", new JsonObject().put("title", "Appel public").put("content", "Venez.")
        .put("publish", true)).getString("id");
    String form = get("/espace/grenoble/calls/" + id + "/edit", cookie).body();
    assertTrue(form.contains("Qui peut la voir ?"), form);
    assertTrue(form.matches("(?s).*<input type=\"radio\" name=\"visibility\" value=\"members\"[^>]*disabled.*"), form);
    assertTrue(form.contains("elle ne peut plus devenir interne"), form);
    // a forged submission is refused with the reason, the text kept, the publication unchanged
    HttpResponse<String> refused = post("/espace/grenoble/calls/" + id + "/edit", cookie, Map.of("title",
        "Appel public modifié", "content", "Venez.", "visibility", "members", "action", "publish"));
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("elle ne peut plus devenir interne"), refused.body());
    assertTrue(refused.body().contains("Appel public modifié"), "the text is kept");
    String still = TestNodes.get(a.port, "/collectives/grenoble/calls/" + id).body();
    assertTrue(still.contains("Appel public") && !still.contains("modifié"));
    assertFalse(still.contains("internal-mark"));
  }
}
