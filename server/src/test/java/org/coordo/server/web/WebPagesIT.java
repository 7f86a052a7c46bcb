package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.vertx.core.json.JsonObject;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MinutesDetails;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages over real HTTP on a real node: both languages, negotiation, forms, CSRF, remote follow. */
class WebPagesIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static Publication event;
  static Publication call;
  static Publication minutes;
  static final Principal ALICE = new Principal("u-alice", "alice", false, Map.of("grenoble", Role.EDITOR));

  @BeforeAll
  static void start() {
    n = WebTestNode.start(dir);
    Publishing p = n.node.services().publishing();
    ZonedDateTime start = ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusDays(3).withHour(14).withMinute(0)
        .withSecond(0).withNano(0);
    event = await(p.service.create(ALICE, "grenoble", PublicationKind.EVENT, new PublicationInput(
        "Rassemblement <contre> la fermeture", null, "Rendez-vous **devant la mairie**.", "fr", List.of(), null,
        new EventDetails(start.toInstant(), start.plusHours(2).toInstant(), ZoneId.of("Europe/Paris"),
            new EventLocation("Place Grenette", "Place Grenette, 38000 Grenoble", null, 45.1885, 5.7245, null),
            EventStatus.Scheduled, EventCategory.DEMONSTRATION)), true));
    call = await(p.service.create(ALICE, "grenoble", PublicationKind.CALL, new PublicationInput(
        "Appel à la grève du 14", "Tous et toutes dans la rue", "Nous appelons à *la grève*.", "fr", List.of(),
        null, null), true));
    minutes = await(p.service.create(ALICE, "grenoble", PublicationKind.MINUTES, new PublicationInput(
        "AG du 3 mars", null, "Compte rendu.", "fr", List.of(),
        new MinutesDetails(LocalDate.of(2026, 3, 3), "Bourse du travail", "32 présent·es", List.of("Grève le 14")),
        null), true));
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

  static HttpResponse<String> get(HttpClient c, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.base + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(HttpClient c, String path, Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return c.send(HttpRequest.newBuilder(URI.create(n.base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), "form token in the page");
    return m.group(1);
  }

  static void assertNoRawKeys(String html, String page) {
    assertFalse(html.contains("??"), page + " shows an unknown message key");
    Matcher m = Pattern.compile(">\\s*([a-z]+\\.[a-zA-Z]+(\\.[a-zA-Z]+)*)\\s*<").matcher(html);
    while (m.find()) {
      assertFalse(Messages.load().bundle("fr").has(m.group(1)), page + " shows the key " + m.group(1));
    }
  }

  @Test
  void everyPublicPageRendersInBothLanguagesWithoutRawKeys() throws Exception {
    List<String> paths = List.of("/", "/collectives/grenoble", "/collectives/grenoble/agenda",
        "/collectives/grenoble/events/" + event.id(), "/collectives/grenoble/calls/" + call.id(),
        "/collectives/grenoble/minutes/" + minutes.id(), "/espace/login", "/collectives/nobody");
    for (String lang : List.of("fr", "en")) {
      HttpClient c = browser();
      for (String path : paths) {
        HttpResponse<String> r = get(c, path + (path.contains("?") ? "&" : "?") + "lang=" + lang, "Accept", "text/html");
        assertEquals(path.endsWith("nobody") ? 404 : 200, r.statusCode(), path);
        assertTrue(r.body().contains("<html lang=\"" + lang + "\">"), path + " in " + lang);
        assertNoRawKeys(r.body(), path + " (" + lang + ")");
      }
    }
  }

  @Test
  void languageComesFromCookieThenAcceptLanguageElseFrench() throws Exception {
    assertTrue(get(browser(), "/", "Accept-Language", "en-GB,en;q=0.8").body().contains("Hosted collectives"));
    assertTrue(get(browser(), "/", "Accept-Language", "de").body().contains("Collectifs hébergés"));
    HttpClient c = browser();
    get(c, "/?lang=en");
    assertTrue(get(c, "/collectives/grenoble", "Accept-Language", "fr").body().contains("Upcoming events"),
        "the switcher's cookie wins over Accept-Language");
  }

  @Test
  void eventPageHasMicroformatsJsonLdOpenGraphMapAndEscapedText() throws Exception {
    String html = get(browser(), "/collectives/grenoble/events/" + event.id() + "?lang=fr").body();
    assertTrue(html.matches("(?s).*<article class=\"h-event\\s+publication\">.*"), "h-event microformat root");
    assertTrue(html.contains("class=\"dt-start\""));
    assertTrue(html.contains("<script type=\"application/ld+json\">"));
    assertTrue(html.contains("\"@type\":\"Event\""));
    assertTrue(html.contains("\"eventStatus\":\"https://schema.org/EventScheduled\""));
    assertTrue(html.contains("\\u003ccontre\\u003e"), "JSON-LD cannot close its script element");
    assertTrue(html.contains("Rassemblement &lt;contre&gt; la fermeture"), "titles are escaped");
    assertFalse(html.contains("<contre>"));
    assertTrue(html.contains("property=\"og:title\""));
    assertTrue(html.contains("property=\"og:url\" content=\"" + n.base + "/collectives/grenoble/events/" + event.id()));
    assertTrue(html.contains("property=\"og:type\""));
    assertTrue(html.contains("property=\"og:description\""));
    assertTrue(html.contains("https://www.openstreetmap.org/?mlat=45.1885&amp;mlon=5.7245"));
    assertTrue(html.contains("14:00"), "time shown in the event's zone");
    assertTrue(html.contains("<strong>devant la mairie</strong>"), "Markdown rendered");
  }

  @Test
  void sameIdServesActivityStreamsToServers() throws Exception {
    HttpResponse<String> r = get(browser(), "/collectives/grenoble/events/" + event.id(), "Accept",
        "application/activity+json");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/activity+json"));
    assertEquals("Event", new JsonObject(r.body()).getString("type"));
  }

  @Test
  void calendarAndFeedLinksLeadToTheFeeds() throws Exception {
    String page = get(browser(), "/collectives/grenoble/events/" + event.id()).body();
    Matcher ics = Pattern.compile("href=\"([^\"]+\\.ics)\" download").matcher(page);
    assertTrue(ics.find(), "add-to-calendar link");
    HttpResponse<String> r = get(browser(), ics.group(1));
    assertEquals(200, r.statusCode(), ics.group(1));
    assertTrue(r.body().contains("BEGIN:VEVENT"));
    assertTrue(r.body().contains("TZID=Europe/Paris"));
    String collective = get(browser(), "/collectives/grenoble").body();
    for (String feed : List.of("/collectives/grenoble/feed.rss", "/collectives/grenoble/feed.atom",
        "/collectives/grenoble/agenda.ics")) {
      assertTrue(collective.contains("href=\"" + feed + "\""), feed + " linked");
      assertEquals(200, get(browser(), feed).statusCode(), feed);
    }
  }


  @Test
  void remoteFollowRedirectsToAuthorizeInteraction() throws Exception {
    HttpResponse<String> r = get(browser(), "/collectives/grenoble/follow?server=https%3A%2F%2Fmastodon.example%2F");
    assertEquals(303, r.statusCode());
    assertEquals("https://mastodon.example/authorize_interaction?uri="
            + URLEncoder.encode(n.base + "/actors/grenoble", StandardCharsets.UTF_8),
        r.headers().firstValue("Location").orElseThrow());
    assertEquals(400, get(browser(), "/collectives/grenoble/follow?server=not+a+host").statusCode());
  }

  @Test
  void browserAskingForTheActorGetsTheCollectivePage() throws Exception {
    HttpResponse<String> r = get(browser(), "/actors/grenoble", "Accept", "text/html");
    assertEquals(303, r.statusCode());
    assertEquals("/collectives/grenoble", r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void postsWithoutTheFormTokenAreRefused() throws Exception {
    HttpClient c = browser();
    get(c, "/espace/login");
    HttpResponse<String> r = post(c, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD,
        "csrf", "forged-forged-forged-forged-forged-forged-fo"));
    assertEquals(403, r.statusCode());
    assertEquals(403, post(browser(), "/espace/login", Map.of("username", "alice", "password", "x")).statusCode());
  }

  @Test
  void loginErrorsShowNextToTheirFieldThenLoginLogout() throws Exception {
    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=en").body());
    HttpResponse<String> wrong = post(c, "/espace/login", Map.of("username", "alice", "password", "nope", "csrf", token));
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("id=\"f-password-error\">Wrong user name or password."));
    HttpResponse<String> missing = post(c, "/espace/login", Map.of("username", "alice", "csrf", token));
    assertEquals(422, missing.statusCode());
    assertTrue(missing.body().contains("id=\"f-password-error\">This field is required."));
    HttpResponse<String> ok = post(c, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD,
        "csrf", token));
    assertEquals(303, ok.statusCode());
    String space = get(c, "/espace").body();
    assertTrue(space.contains("Collectif de Grenoble"));
    assertTrue(space.contains(call.title().replace("à", "à")));
    assertEquals(303, post(c, "/espace/logout", Map.of("csrf", token)).statusCode());
    assertEquals(303, get(c, "/espace").statusCode(), "logged out: back to the login page");
  }

  @Test
  void publishingFormReportsFieldErrorsInTheReadersLanguage() throws Exception {
    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=fr").body());
    post(c, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD, "csrf", token));
    HttpResponse<String> r = post(c, "/espace/grenoble/events/new", Map.of("csrf", token, "action", "publish",
        "title", "", "startTime", "demain", "timezone", "Mars/Olympus", "location.latitude", "45"));
    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("id=\"f-title-error\">Ce champ est obligatoire."));
    assertTrue(r.body().contains("id=\"f-timezone-error\">Indiquez un fuseau horaire comme Europe/Paris."));
    assertTrue(r.body().contains("id=\"f-location-longitude-error\"") || r.body().contains("id=\"f-location-latitude-error\""));
    assertTrue(r.body().contains("aria-invalid=\"true\""));
    HttpResponse<String> preview = post(c, "/espace/grenoble/calls/new", Map.of("csrf", token, "action", "preview",
        "title", "Brouillon", "content", "Un **appel**"));
    assertEquals(200, preview.statusCode());
    assertTrue(preview.body().contains("<strong>appel</strong>"));
    assertEquals(Optional.empty(), Optional.ofNullable(null));
  }

  @Test
  void editorsSeeFollowersAndModerationAndFollowByHandle() throws Exception {
    assertEquals(303, get(browser(), "/espace/grenoble/followers").statusCode(), "anonymous: to the login page");
    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=fr").body());
    post(c, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD, "csrf", token));
    HttpResponse<String> followers = get(c, "/espace/grenoble/followers");
    assertEquals(200, followers.statusCode());
    assertTrue(followers.body().contains("Abonné·es (0)"));
    assertNoRawKeys(followers.body(), "followers");
    HttpResponse<String> missing = post(c, "/espace/grenoble/following", Map.of("csrf", token, "handle", " "));
    assertEquals(422, missing.statusCode());
    assertTrue(missing.body().contains("id=\"f-handle-error\">Ce champ est obligatoire."));
    HttpResponse<String> bad = post(c, "/espace/grenoble/following", Map.of("csrf", token, "handle", "@nobody@"));
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("id=\"f-handle-error\">Identifiant introuvable"));
    HttpResponse<String> moderation = get(c, "/espace/grenoble/moderation?lang=en");
    assertEquals(200, moderation.statusCode());
    assertTrue(moderation.body().contains("No reply waiting for moderation."));
    assertEquals(403, get(c, "/espace/lyon/moderation").statusCode(), "not an editor of lyon");
  }

  @Test
  void invitationLinkCreatesTheAccountAndSignsItIn() throws Exception {
    var issued = await(n.node.services().accounts().invitations().create("grenoble", Role.MEMBER, 7, "alice"));
    String path = issued.link().getPath();
    HttpClient c = browser();
    HttpResponse<String> form = get(c, path + "?lang=fr");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("rejoindre le collectif grenoble avec le rôle « membre »"));
    assertNoRawKeys(form.body(), "invitation");
    String token = csrf(form.body());
    HttpResponse<String> weak = post(c, path, Map.of("csrf", token, "username", "bob", "password", "short"));
    assertEquals(422, weak.statusCode());
    assertTrue(weak.body().contains("id=\"f-password-error\">Trop court (10 caractères au moins)."), weak.body());
    HttpResponse<String> ok = post(c, path, Map.of("csrf", token, "username", "bob", "displayName", "Bob",
        "password", "a long enough password"));
    assertEquals(303, ok.statusCode());
    String space = get(c, "/espace").body();
    assertTrue(space.contains("Bienvenue !"));
    assertTrue(space.contains("Collectif de Grenoble"));
    assertEquals(410, get(browser(), path).statusCode(), "single use");
  }

  @Test
  void adminManagesCollectivesMembersAndInvitationsAndSeesDeliveryHealth() throws Exception {
    await(n.node.services().accounts().users().create(new org.coordo.server.service.account.UserService.NewUser(
        "root", "Root", "root password long"), true, Map.of()));
    HttpClient alice = browser();
    String aliceToken = csrf(get(alice, "/espace/login").body());
    post(alice, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD, "csrf", aliceToken));
    assertEquals(403, get(alice, "/espace/admin").statusCode(), "editors are not node admins");

    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=en").body());
    post(c, "/espace/login", Map.of("username", "root", "password", "root password long", "csrf", token));
    HttpResponse<String> home = get(c, "/espace/admin");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("id=\"queued\">"), "delivery queue size shown");
    assertNoRawKeys(home.body(), "admin");
    HttpResponse<String> bad = post(c, "/espace/admin/collectives", Map.of("csrf", token, "name", "Bad Name!",
        "displayName", "Lyon"));
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("id=\"f-name-error\">"));
    HttpResponse<String> created = post(c, "/espace/admin/collectives", Map.of("csrf", token, "name", "lyon",
        "displayName", "Collectif de Lyon"));
    assertEquals(303, created.statusCode());
    assertEquals("/espace/admin/lyon", created.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> invited = post(c, "/espace/admin/lyon/invitations", Map.of("csrf", token, "role", "editor"));
    assertEquals(200, invited.statusCode());
    assertTrue(invited.body().contains("id=\"invite-link\">" + n.base + "/invitations/"));
    assertEquals(303, post(c, "/espace/admin/lyon/members", Map.of("csrf", token, "username", "alice",
        "action", "member")).statusCode());
    assertTrue(get(c, "/espace/admin/lyon").body().matches("(?s).*>alice</th><td data-label=\"[^\"]+\">member</td>.*"));
    assertEquals(303, post(c, "/espace/admin/lyon/members", Map.of("csrf", token, "username", "alice",
        "action", "remove")).statusCode());
    assertFalse(get(c, "/espace/admin/lyon").body().contains(">alice</th>"));
  }

  @Test
  void passwordChangeShowsItsErrorsThenWorks() throws Exception {
    await(n.node.services().accounts().users().create(new org.coordo.server.service.account.UserService.NewUser(
        "carol", "Carol", "carol password one"), false, Map.of("grenoble", Role.MEMBER)));
    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=en").body());
    post(c, "/espace/login", Map.of("username", "carol", "password", "carol password one", "csrf", token));
    assertEquals(200, get(c, "/espace/password").statusCode());
    HttpResponse<String> wrong = post(c, "/espace/password", Map.of("csrf", token, "oldPassword", "nope",
        "newPassword", "carol password two"));
    assertEquals(422, wrong.statusCode());
    assertTrue(wrong.body().contains("id=\"f-oldPassword-error\">This is not your current password."), wrong.body());
    HttpResponse<String> ok = post(c, "/espace/password", Map.of("csrf", token, "oldPassword", "carol password one",
        "newPassword", "carol password two"));
    assertEquals(303, ok.statusCode());
    assertTrue(get(c, "/espace").body().contains("Password changed."));
    HttpClient other = browser();
    String t2 = csrf(get(other, "/espace/login").body());
    assertEquals(303, post(other, "/espace/login", Map.of("username", "carol", "password", "carol password two",
        "csrf", t2)).statusCode());
  }

  @Test
  void repliesWaitForModerationThenShowUnderThePublication() throws Exception {
    String target = n.base + "/collectives/grenoble/calls/" + call.id();
    assertTrue(await(n.node.services().publishing().replyService.receiveReply(URI.create("https://masto.example/users/zoe"),
        new JsonObject().put("id", "https://masto.example/users/zoe/statuses/1").put("type", "Note")
            .put("attributedTo", "https://masto.example/users/zoe").put("inReplyTo", target)
            .put("content", "<p>J’y serai ! <script>alert(1)</script></p>"))));
    String page = get(browser(), "/collectives/grenoble/calls/" + call.id()).body();
    assertFalse(page.contains("J’y serai"), "pending replies are not public");
    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=fr").body());
    post(c, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD, "csrf", token));
    String queue = get(c, "/espace/grenoble/moderation").body();
    assertTrue(queue.contains("J’y serai !"));
    assertFalse(queue.contains("<script>"), "remote HTML is sanitised");
    assertEquals(303, post(c, "/espace/grenoble/moderation", Map.of("csrf", token,
        "reply", "https://masto.example/users/zoe/statuses/1", "action", "approve")).statusCode());
    assertTrue(get(c, "/espace/grenoble/moderation").body().contains("Aucune réponse en attente"));
    page = get(browser(), "/collectives/grenoble/calls/" + call.id()).body();
    assertTrue(page.contains("J’y serai !"), "approved replies show under the call");
  }

  @Test
  void deletingAPublicationLeavesAGonePage() throws Exception {
    Publication doomed = await(n.node.services().publishing().service.create(ALICE, "grenoble", PublicationKind.CALL,
        new PublicationInput("À supprimer", null, "Texte.", "fr", List.of(), null, null), true));
    HttpClient c = browser();
    String token = csrf(get(c, "/espace/login?lang=fr").body());
    post(c, "/espace/login", Map.of("username", "alice", "password", WebTestNode.PASSWORD, "csrf", token));
    // without JavaScript: the first POST only asks, the second (confirm=yes) deletes
    HttpResponse<String> asked = post(c, "/espace/grenoble/calls/" + doomed.id() + "/delete", Map.of("csrf", token));
    assertEquals(200, asked.statusCode());
    assertTrue(asked.body().contains("Supprimer définitivement « À supprimer » ?"));
    assertEquals(200, get(browser(), "/collectives/grenoble/calls/" + doomed.id() + "?lang=fr").statusCode(),
        "still there until confirmed");
    assertEquals(303, post(c, "/espace/grenoble/calls/" + doomed.id() + "/delete",
        Map.of("csrf", token, "confirm", "yes")).statusCode());
    HttpResponse<String> gone = get(browser(), "/collectives/grenoble/calls/" + doomed.id() + "?lang=fr");
    assertEquals(410, gone.statusCode());
    assertTrue(gone.body().contains("Cette page n’existe pas ou a été supprimée."));
    assertEquals(410, get(browser(), "/collectives/grenoble/calls/" + doomed.id(), "Accept",
        "application/activity+json").statusCode(), "servers get the Tombstone");
  }
}
