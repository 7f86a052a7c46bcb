package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.mail.SmtpSink;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city node with mail on, sending to a real SMTP server on loopback: subscribing from the
 * collective's page, the one confirmation mail, its link (GET changes nothing, the POST confirms
 * once), RFC 8058 one-click unsubscribe with no cookie, rate limits, the admin's view, and mail off.
 */
class SubscriptionMailIT {
  static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]{43})\"");
  static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/subscriptions/confirm/[A-Za-z0-9_-]{43})");

  @TempDir Path dir;
  SmtpSink sink;
  WebTestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (sink != null) {
      sink.close();
    }
  }

  void startWithMail() {
    sink = SmtpSink.start();
    node = WebTestNode.start(dir, sink.nodeEnv());
  }

  /** A browser-like client: its own cookie jar, no redirects followed. */
  static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> get(HttpClient client, String pathOrUrl) {
    return send(client, HttpRequest.newBuilder(url(pathOrUrl)).header("Accept-Language", "fr").GET().build());
  }

  HttpResponse<String> postForm(HttpClient client, String pathOrUrl, Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(client, HttpRequest.newBuilder(url(pathOrUrl)).header("Accept-Language", "fr")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  URI url(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : node.base + pathOrUrl);
  }

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertTrue(m.find(), "the page has a form token");
    return m.group(1);
  }

  /** Subscribes {@code email} from the collective's page, as a browser would. */
  HttpResponse<String> subscribe(HttpClient client, String email, String frequency, String content) {
    HttpResponse<String> page = get(client, "/collectives/grenoble");
    assertEquals(200, page.statusCode());
    return postForm(client, "/subscriptions", Map.of("csrf", csrf(page.body()), "scope", "grenoble", "lang", "fr",
        "email", email, "frequency", frequency, "content", content));
  }

  List<Subscriber> confirmed() {
    var subscribers = node.node.services().subscriptions().subscribers();
    return await(node.node.services().platform().storage().call(store -> subscribers.confirmed("grenoble", null, 100)));
  }

  static String confirmLink(SmtpSink.Received mail) {
    Matcher m = LINK.matcher(mail.text());
    assertTrue(m.find(), mail.text());
    return m.group(1);
  }

  @Test
  void subscribeSendsExactlyOneConfirmationWhoseLinkConfirmsOnceByPostOnly() {
    startWithMail();
    HttpClient browser = browser();
    HttpResponse<String> answer = subscribe(browser, "Ada@Example.org", "weekly", "events");
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("Vérifiez votre boîte mail"), answer.body());

    SmtpSink.Received mail = sink.awaitOne("ada@example.org");
    assertTrue(mail.subject().startsWith("Confirmez votre abonnement"), mail.subject());
    assertTrue(mail.fromName().contains("Collectif de Grenoble"), mail.fromName());
    assertNull(mail.header("List-Unsubscribe"), "a confirmation is not list mail");
    String link = confirmLink(mail);
    assertTrue(mail.html().contains(link), "the HTML part carries the same link");
    assertTrue(confirmed().isEmpty(), "nothing is confirmed before the link is followed");

    // A mailbox's link scanner: GET, no cookie. It sees a button and changes nothing.
    HttpResponse<String> scanned = get(browser(), link);
    assertEquals(200, scanned.statusCode());
    assertTrue(scanned.body().contains("id=\"confirm-button\""), scanned.body());
    assertTrue(confirmed().isEmpty(), "a GET confirms nothing");

    HttpResponse<String> page = get(browser, link);
    HttpResponse<String> done = postForm(browser, link, Map.of("csrf", csrf(page.body())));
    assertEquals(303, done.statusCode(), done.body());
    String manage = done.headers().firstValue("Location").orElseThrow();
    assertTrue(manage.startsWith("/subscriptions/manage/"), manage);
    HttpResponse<String> managePage = get(browser, manage);
    assertEquals(200, managePage.statusCode());
    assertTrue(managePage.body().contains("C’est confirmé"), managePage.body());
    assertFalse(managePage.body().contains("ada@example.org"), "the manage page masks the address");

    List<Subscriber> listed = confirmed();
    assertEquals(1, listed.size());
    assertEquals("ada@example.org", listed.get(0).email());
    assertEquals(MailFrequency.WEEKLY, listed.get(0).frequency());
    assertTrue(listed.get(0).eventsOnly());
    assertEquals(node.base + manage.replaceAll("\\?.*", ""), listed.get(0).manageUrl());

    HttpResponse<String> again = postForm(browser, link, Map.of("csrf", csrf(page.body())));
    assertEquals(410, again.statusCode());
    assertTrue(again.body().contains("déjà servi"), again.body());
    HttpResponse<String> unknown = get(browser, "/subscriptions/confirm/" + "A".repeat(43));
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("n’est pas (ou plus) valable"), unknown.body());
    assertEquals(1, sink.received().size(), "nothing but the one confirmation was sent");
  }

  @Test
  void theSameAnswerForAConfirmedAddressWhichGetsItsManageLinkInstead() {
    startWithMail();
    HttpClient browser = browser();
    subscribe(browser, "bea@example.org", "each", "all");
    String link = confirmLink(sink.awaitOne("bea@example.org"));
    postForm(browser, link, Map.of("csrf", csrf(get(browser, link).body())));
    HttpResponse<String> second = subscribe(browser(), "bea@example.org", "weekly", "all");
    assertEquals(200, second.statusCode());
    assertTrue(second.body().contains("Vérifiez votre boîte mail"));
    List<SmtpSink.Received> mails = sink.awaitCount(2, Duration.ofSeconds(10));
    SmtpSink.Received manage = mails.get(1);
    assertTrue(manage.text().contains(confirmed().get(0).manageUrl()), manage.text());
    assertFalse(LINK.matcher(manage.text()).find(), "no new confirmation link");
    assertEquals(MailFrequency.EACH, confirmed().get(0).frequency(), "the form changed nothing");
  }

  @Test
  void oneClickUnsubscribeByRfc8058PostWithNoCookieAnswers200AndDeletesTheSubscriber() {
    startWithMail();
    HttpClient browser = browser();
    subscribe(browser, "cleo@example.org", "each", "all");
    String link = confirmLink(sink.awaitOne("cleo@example.org"));
    postForm(browser, link, Map.of("csrf", csrf(get(browser, link).body())));
    Subscriber s = confirmed().get(0);

    HttpResponse<String> page = get(browser(), s.unsubscribeUrl());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"unsubscribe-button\""));
    assertEquals(1, confirmed().size(), "a GET of the unsubscribe link unsubscribes nobody");

    // Other writes stay guarded: the manage form without its token is refused.
    HttpResponse<String> forged = postForm(browser(), s.manageUrl(), Map.of("frequency", "weekly"));
    assertEquals(403, forged.statusCode());

    // What a mail provider sends (RFC 8058 section 3.2): no cookie, no token, no Origin.
    HttpResponse<String> oneClick = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(s.unsubscribeUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
    assertEquals(200, oneClick.statusCode(), oneClick.body());
    assertTrue(confirmed().isEmpty());
    assertEquals(200, send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(s.unsubscribeUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build()).statusCode(),
        "a second one-click is still a 200");
    assertEquals(404, get(browser(), s.manageUrl()).statusCode(), "the links died with the subscription");
    String wrongKey = s.unsubscribeUrl().substring(0, s.unsubscribeUrl().length() - 3) + "AAA";
    assertEquals(404, send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(wrongKey))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build()).statusCode());
  }

  @Test
  void theFormIsRateLimitedPerAddress() {
    startWithMail();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, subscribe(browser(), "dora@example.org", "each", "all").statusCode());
    }
    HttpResponse<String> refused = subscribe(browser(), "dora@example.org", "each", "all");
    assertEquals(429, refused.statusCode());
    assertTrue(refused.body().contains("Trop de tentatives"), refused.body());
    sink.awaitCount(3, Duration.ofSeconds(10));
    assertEquals(3, sink.receivedFor("dora@example.org").size());
  }

  @Test
  void aBadAddressComesBackWithItsMessageAndNothingIsSent() {
    startWithMail();
    HttpResponse<String> answer = subscribe(browser(), "ema@example.org\r\nBcc: x@example.org", "each", "all");
    assertEquals(422, answer.statusCode());
    assertTrue(answer.body().contains("Indiquez une adresse électronique valide"), answer.body());
    assertTrue(sink.received().isEmpty());
  }

  @Test
  void onlyANodeAdminSeesTheAddressesExportsAndDeletes() {
    startWithMail();
    HttpClient browser = browser();
    subscribe(browser, "fanny@example.org", "each", "all");
    String link = confirmLink(sink.awaitOne("fanny@example.org"));
    postForm(browser, link, Map.of("csrf", csrf(get(browser, link).body())));
    assertTrue(get(browser, "/collectives/grenoble").body().indexOf("fanny") < 0, "never on a public page");

    await(node.node.services().accounts().users().create(new UserService.NewUser("root", "Root", "root password ok"),
        true, Map.of()));
    HttpClient editor = login(WebTestNode.EDITOR, WebTestNode.PASSWORD);
    assertEquals(403, get(editor, "/espace/admin/grenoble/subscribers").statusCode());
    assertEquals(403, get(editor, "/espace/admin/grenoble/subscribers.csv").statusCode());

    HttpClient admin = login("root", "root password ok");
    HttpResponse<String> list = get(admin, "/espace/admin/grenoble/subscribers");
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("fanny@example.org"));
    HttpResponse<String> csv = get(admin, "/espace/admin/grenoble/subscribers.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().startsWith("email,scope,state,"));
    assertTrue(csv.body().contains("fanny@example.org,grenoble,confirmed,fr,each,all,"), csv.body());
    assertEquals(403, get(editor, "/api/collectives/grenoble/subscribers").statusCode());
    HttpResponse<String> json = get(admin, "/api/collectives/grenoble/subscribers");
    assertEquals(200, json.statusCode(), json.body());
    io.vertx.core.json.JsonObject listed = new io.vertx.core.json.JsonObject(json.body());
    assertEquals(1L, listed.getLong("confirmed"));
    assertEquals("fanny@example.org", listed.getJsonArray("subscribers").getJsonObject(0).getString("email"));
    assertEquals(404, send(admin, HttpRequest.newBuilder(url("/api/collectives/grenoble/subscribers/nobody"))
        .DELETE().build()).statusCode());
    String id = confirmed().get(0).id();
    HttpResponse<String> deleted = postForm(admin, "/espace/admin/grenoble/subscribers/" + id + "/delete",
        Map.of("csrf", csrf(list.body())));
    assertEquals(303, deleted.statusCode());
    assertTrue(confirmed().isEmpty());
  }

  HttpClient login(String user, String password) {
    HttpClient client = browser();
    String token = csrf(get(client, "/espace/login").body());
    HttpResponse<String> r = postForm(client, "/espace/login", Map.of("csrf", token, "username", user,
        "password", password));
    assertEquals(303, r.statusCode(), r.body());
    return client;
  }

  @Test
  void withMailOffNoFormIsShownAndTheRoutesSaySo() {
    node = WebTestNode.start(dir);
    HttpResponse<String> page = get(browser(), "/collectives/grenoble");
    assertEquals(200, page.statusCode());
    assertFalse(page.body().contains("subscribe-form"));
    HttpResponse<String> form = get(browser(), "/subscriptions?scope=grenoble");
    assertEquals(404, form.statusCode());
    assertTrue(form.body().contains("n’envoie pas de courriels"), form.body());
    assertEquals(404, get(browser(), "/subscriptions/confirm/" + "A".repeat(43)).statusCode());
  }
}
