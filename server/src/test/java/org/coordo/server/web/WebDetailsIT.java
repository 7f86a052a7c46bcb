package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.coordo.server.web.WebPagesIT.csrf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Details people meet: the icon, the zone name, the forgotten password, the admin's password reset. */
class WebDetailsIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static final Principal ALICE = new Principal("u-alice", "alice", false, Map.of("grenoble", Role.EDITOR));
  static final String ADMIN_PASSWORD = "admin password long";

  @BeforeAll
  static void start() {
    n = WebTestNode.start(dir);
    await(n.node.services().accounts().users().create(new UserService.NewUser("ada", "Ada", ADMIN_PASSWORD), true,
        Map.of()));
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
  }

  static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpResponse<String> get(HttpClient c, String path) throws Exception {
    return c.send(HttpRequest.newBuilder(URI.create(n.base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(HttpClient c, String path, Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return c.send(HttpRequest.newBuilder(URI.create(n.base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in; returns the form token of the session. */
  static String login(HttpClient c, String username, String password) throws Exception {
    String token = csrf(get(c, "/espace/login").body());
    HttpResponse<String> r = post(c, "/espace/login", Map.of("username", username, "password", password, "csrf", token));
    assertEquals(303, r.statusCode(), username + " logs in");
    return csrf(get(c, "/espace/password").body());
  }

  @Test
  void faviconIsCoordosIconAndCacheable() throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(n.base + "/favicon.ico")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("image/x-icon", r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age="), r.headers().toString());
    assertArrayEquals(new byte[] {0, 0, 1, 0}, Arrays.copyOf(r.body(), 4), "an ICO file");
    String etag = r.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(n.base + "/favicon.ico"))
        .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, again.statusCode());
  }

  @Test
  void eventTimeIsSaidInTheZonesCityAndSignedWithTheAuthorsName() throws Exception {
    ZonedDateTime start = ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusDays(5).withHour(18).withMinute(0)
        .withSecond(0).withNano(0);
    Publication event = await(n.node.services().publishing().service.create(ALICE, "grenoble", PublicationKind.EVENT,
        new PublicationInput("Réunion publique", null, "Salle 3.", "fr", List.of(), null,
            new EventDetails(start.toInstant(), null, ZoneId.of("Europe/Paris"),
                new EventLocation("Maison des associations", null, null, null, null, null),
                EventStatus.Scheduled, EventCategory.DEMONSTRATION)), true));
    String path = "/collectives/grenoble/events/" + event.id();
    String fr = get(browser(), path + "?lang=fr").body();
    assertTrue(fr.contains("(heure de Paris)"), fr);
    assertFalse(fr.contains("Europe/Paris)"));
    assertTrue(get(browser(), path + "?lang=en").body().contains("(Paris time)"));
    assertTrue(fr.contains("Publié par Alice"), "the author by display name, not user name alice: " + fr);
  }

  @Test
  void loginPageLeadsToWhomToAskForAForgottenPasswordWithoutAskingForAName() throws Exception {
    HttpClient c = browser();
    String login = get(c, "/espace/login?lang=fr").body();
    assertTrue(login.contains("<a href=\"/espace/password/forgot\">Mot de passe oublié ?</a>"), login);
    HttpResponse<String> forgot = get(c, "/espace/password/forgot");
    assertEquals(200, forgot.statusCode());
    assertTrue(forgot.body().contains("Demandez à la personne qui administre Coordo"), forgot.body());
    assertFalse(forgot.body().contains("<input"), "asks for nothing: tells nothing about accounts");
    WebPagesIT.assertNoRawKeys(forgot.body(), "forgot");
  }

  @Test
  void adminGivesAMemberATemporaryPasswordShownOnceAndClosesTheirSessions() throws Exception {
    await(n.node.services().accounts().users().create(new UserService.NewUser("dora", "Dora", "dora password one"),
        false, Map.of("grenoble", Role.MEMBER)));
    HttpClient dora = browser();
    login(dora, "dora", "dora password one");
    assertEquals(200, get(dora, "/espace").statusCode());

    HttpClient admin = browser();
    String token = login(admin, "ada", ADMIN_PASSWORD);
    String page = get(admin, "/espace/admin/grenoble?lang=fr").body();
    Matcher row = Pattern.compile("(?s)>dora</th>(.*?)</tr>").matcher(page);
    assertTrue(row.find(), page);
    assertTrue(row.group(1).matches("(?s).*data-label=\"Arrivée\">[^<]*20\\d\\d.*"), "joined date: " + row.group(1));
    assertTrue(row.group(1).matches("(?s).*data-label=\"Dernière visite\">[^<]*20\\d\\d.*"), "last seen: " + row.group(1));
    Matcher never = Pattern.compile("(?s)>alice</th>(.*?)</tr>").matcher(page);
    assertTrue(never.find() && never.group(1).contains("pas encore connu"), "alice never logged in");

    assertEquals(403, post(admin, "/espace/admin/grenoble/members/password", Map.of("username", "dora")).statusCode(),
        "no form token, no reset");
    assertEquals(200, get(dora, "/espace").statusCode(), "refused reset changed nothing");
    assertEquals(404, post(admin, "/espace/admin/grenoble/members/password",
        Map.of("csrf", token, "username", "ada")).statusCode(), "only members of this collective");

    HttpResponse<String> reset = post(admin, "/espace/admin/grenoble/members/password",
        Map.of("csrf", token, "username", "dora"));
    assertEquals(200, reset.statusCode());
    assertEquals("no-store", reset.headers().firstValue("Cache-Control").orElse(""));
    Matcher shown = Pattern.compile("id=\"reset-password\">([a-z2-9-]+)</code>").matcher(reset.body());
    assertTrue(shown.find(), reset.body());
    String temporary = shown.group(1);
    assertTrue(temporary.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), temporary);
    assertFalse(get(admin, "/espace/admin/grenoble").body().contains(temporary), "shown once");

    assertEquals(303, get(dora, "/espace").statusCode(), "dora's session is closed");
    HttpClient again = browser();
    String t = csrf(get(again, "/espace/login").body());
    assertEquals(401, post(again, "/espace/login", Map.of("username", "dora", "password", "dora password one",
        "csrf", t)).statusCode(), "the old password no longer works");
    login(again, "dora", temporary);
  }
}
