package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.coordo.server.web.WebPagesIT.csrf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.mail.SmtpSink;
import org.coordo.server.service.account.AddressService;
import org.coordo.server.service.account.UserService;
import org.coordo.server.service.publication.PublicationInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail for members on a real node sending to a real SMTP server ({@link SmtpSink}): the password
 * reset by mail (single use, expiry on the node's clock, no enumeration), an invitation mailed from
 * the members' space and accepted, the address confirmation, and the editors' hourly notice.
 */
class MemberMailIT {
  @TempDir
  static Path dir;
  static SmtpSink sink;
  static WebTestNode n;
  static final MutableClock CLOCK = new MutableClock(Instant.now());
  static final Pattern RESET_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+(/espace/password/reset/[A-Za-z0-9_-]{43})");
  static final Pattern CONFIRM_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+(/espace/email/confirm/[A-Za-z0-9_-]{43})");
  static final Pattern INVITE_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+(/invitations/[A-Za-z0-9_-]{43})");

  @BeforeAll
  static void start() {
    sink = SmtpSink.start();
    n = WebTestNode.start(dir, sink.nodeEnv(), TestNodes.options(true).withClock(CLOCK));
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void aForgottenPasswordIsResetByMailOnceAndTheOldPasswordStopsWorking() throws Exception {
    HttpClient rosa = account("rosa", "rosa password one", "rosa@example.org");
    HttpClient anonymous = browser();
    HttpResponse<String> form = get(anonymous, "/espace/password/forgot");
    assertTrue(form.body().contains("name=\"identifier\""), "mail is on: the page asks for a name or an address");
    HttpResponse<String> asked = post(anonymous, "/espace/password/forgot",
        Map.of("csrf", csrf(form.body()), "identifier", "rosa"));
    assertEquals(200, asked.statusCode());
    assertTrue(asked.body().contains("id=\"forgot-sent\""), asked.body());

    SmtpSink.Received mail = awaitMail("rosa@example.org", 2).get(1);
    assertEquals("Choisir un nouveau mot de passe (" + n.node.services().platform().config().node().name() + ")",
        mail.subject());
    assertNull(mail.header("Auto-Submitted"), "a reset is a personal message");
    String link = link(RESET_LINK, mail.text());

    HttpResponse<String> page = get(anonymous, link);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("« rosa »"), "the page names the account");
    HttpResponse<String> done = post(anonymous, link, Map.of("csrf", csrf(page.body()), "password", "rosa password two"));
    assertEquals(200, done.statusCode());
    assertTrue(done.body().contains("id=\"reset-done\""), done.body());

    assertEquals(303, login(browser(), "rosa", "rosa password two"), "the new password logs in");
    assertEquals(401, login(browser(), "rosa", "rosa password one"), "the old one no longer does");
    assertEquals(303, get(rosa, "/espace").statusCode(), "the session opened before the reset is closed");
    assertTrue(get(rosa, "/espace").headers().firstValue("Location").orElse("").endsWith("/espace/login"));

    HttpResponse<String> again = post(anonymous, link, Map.of("csrf", csrf(page.body()), "password", "rosa password three"));
    assertEquals(410, again.statusCode(), "a link works once");
    assertTrue(again.body().contains("id=\"link-gone\""), again.body());
    assertEquals(410, get(anonymous, link).statusCode());
    assertEquals(303, login(browser(), "rosa", "rosa password two"), "the refused second use changed nothing");
  }

  @Test
  void aResetLinkExpiresAfterAnHour() throws Exception {
    account("louise", "louise password one", "louise@example.org");
    HttpClient anonymous = browser();
    String token = csrf(get(anonymous, "/espace/password/forgot").body());
    assertEquals(200, post(anonymous, "/espace/password/forgot",
        Map.of("csrf", token, "identifier", "LOUISE@example.org")).statusCode());
    String link = link(RESET_LINK, awaitMail("louise@example.org", 2).get(1).text());
    assertEquals(200, get(anonymous, link).statusCode(), "works within the hour");

    CLOCK.advance(Duration.ofMinutes(61));
    HttpResponse<String> late = get(anonymous, link);
    assertEquals(410, late.statusCode());
    assertTrue(late.body().contains("id=\"link-gone\""), late.body());
    assertEquals(410, post(anonymous, link, Map.of("csrf", token, "password", "louise password two")).statusCode());
    assertEquals(303, login(browser(), "louise", "louise password one"), "the password did not change");
  }

  @Test
  void anUnknownNameOrAnUnconfirmedAddressGetsTheSameAnswerAndNoMail() throws Exception {
    await(n.node.services().accounts().users().create(new UserService.NewUser("marc", "Marc", "marc password one"),
        false, Map.of()));
    String marcId = await(n.node.services().accounts().users().findByUsername("marc")).orElseThrow().id();
    await(n.node.services().accounts().addresses().set(marcId, "marc@example.org", "fr"));
    account("sentinel", "sentinel password", "sentinel@example.org");

    HttpClient anonymous = browser();
    String token = csrf(get(anonymous, "/espace/password/forgot").body());
    String known = answer(post(anonymous, "/espace/password/forgot", Map.of("csrf", token, "identifier", "sentinel")));
    for (String who : List.of("nobody", "nobody@example.org", "marc", "marc@example.org")) {
      assertEquals(known, answer(post(anonymous, "/espace/password/forgot", Map.of("csrf", token, "identifier", who))),
          who + " gets the very page a known account gets");
    }
    // The requests are handled in order on the account lock: once the last one is done, so are the others.
    assertEquals(200, post(anonymous, "/espace/password/forgot", Map.of("csrf", token, "identifier", "sentinel"))
        .statusCode());
    awaitMail("sentinel@example.org", 3);
    assertEquals(List.of(), sink.receivedFor("nobody@example.org"));
    assertEquals(1, sink.receivedFor("marc@example.org").size(), "marc only got his confirmation link");
    assertTrue(sink.receivedFor("marc@example.org").get(0).text().contains("/espace/email/confirm/"));
  }

  @Test
  void anInvitationMailedFromTheMembersSpaceCreatesTheAccountWithThatAddress() throws Exception {
    HttpClient alice = browser();
    assertEquals(303, login(alice, WebTestNode.EDITOR, WebTestNode.PASSWORD));
    HttpResponse<String> form = get(alice, "/espace/grenoble/invitations");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("name=\"email\""), "mail is on: the form takes an address");
    HttpResponse<String> sent = post(alice, "/espace/grenoble/invitations",
        Map.of("csrf", csrf(form.body()), "role", "member", "email", "Bob@Example.org", "days", ""));
    assertEquals(200, sent.statusCode());
    assertTrue(sent.body().contains("id=\"invite-sent\""), sent.body());
    Matcher shown = Pattern.compile("id=\"invite-link\">([^<]+)<").matcher(sent.body());
    assertTrue(shown.find(), "the link is still shown");

    SmtpSink.Received mail = sink.awaitOne("bob@example.org");
    assertTrue(mail.fromName().contains("Collectif de Grenoble"), mail.fromName());
    assertEquals(SmtpSink.FROM, mail.fromAddress());
    assertEquals("Invitation à rejoindre Collectif de Grenoble sur Coordo", mail.subject());
    String link = link(INVITE_LINK, mail.text());
    assertEquals(shown.group(1), n.base + link, "the mailed link is the one shown");

    HttpClient bob = browser();
    HttpResponse<String> invitation = get(bob, link);
    // prefilled in the mail system's one stored form (MailAddresses.normalize: lower case)
    assertTrue(invitation.body().contains("value=\"bob@example.org\""), "the address is prefilled");
    HttpResponse<String> accepted = post(bob, link, Map.of("csrf", csrf(invitation.body()), "username", "bob",
        "displayName", "Bob", "password", "bob password one", "email", "Bob@example.org"));
    assertEquals(303, accepted.statusCode(), accepted.body());
    String bobId = await(n.node.services().accounts().users().findByUsername("bob")).orElseThrow().id();
    assertEquals(new AddressService.Address("bob@example.org", true),
        await(n.node.services().accounts().addresses().of(bobId)), "the invited address is confirmed by the link");
    assertEquals(Role.MEMBER, await(n.node.services().accounts().users().principalOf(bobId)).orElseThrow()
        .roleIn("grenoble").orElseThrow());

    HttpResponse<String> actor = TestNodes.send(HttpRequest.newBuilder(URI.create(n.base + "/actors/bob"))
        .header("Accept", "application/activity+json").GET().build());
    assertEquals(200, actor.statusCode());
    assertFalse(actor.body().toLowerCase().contains("bob@example.org"), "an address is never federated");
    assertFalse(get(browser(), "/actors/bob").body().toLowerCase().contains("bob@example.org"), "nor shown publicly");
  }

  @Test
  void anInvitationIsMailedInTheLanguageOfThePage() throws Exception {
    HttpClient alice = browser();
    assertEquals(303, login(alice, WebTestNode.EDITOR, WebTestNode.PASSWORD));
    HttpResponse<String> form = get(alice, "/espace/grenoble/invitations?lang=en");
    assertEquals(200, post(alice, "/espace/grenoble/invitations",
        Map.of("csrf", csrf(form.body()), "role", "editor", "email", "carla@example.org", "days", "3")).statusCode());
    SmtpSink.Received mail = sink.awaitOne("carla@example.org");
    assertEquals("Invitation to join Collectif de Grenoble on Coordo", mail.subject());
    assertTrue(mail.text().contains("as editor"), mail.text());
  }

  @Test
  void repliesWaitingInModerationMakeOneNoticeAnHour() throws Exception {
    // alice, the editor, confirms her address from her page.
    HttpClient alice = browser();
    assertEquals(303, login(alice, WebTestNode.EDITOR, WebTestNode.PASSWORD));
    confirmAddress(alice, "alice@example.org", 1);
    Publication call = await(n.node.services().publishing().service.create(
        new Principal("x", WebTestNode.EDITOR, false, Map.of("grenoble", Role.EDITOR)), "grenoble",
        PublicationKind.CALL, new PublicationInput("Appel du 14", null, "Grève.", "fr", List.of(), null, null), true));

    reply(call, 1);
    reply(call, 2);
    reply(call, 2); // delivered twice: not a new reply
    List<SmtpSink.Received> first = awaitMail("alice@example.org", 2);
    SmtpSink.Received notice = first.get(1);
    assertEquals("auto-generated", notice.header("Auto-Submitted"));
    assertTrue(notice.text().contains(n.base + "/espace/grenoble/moderation"), notice.text());
    assertTrue(notice.text().contains("1 réponse(s)"), notice.text());

    CLOCK.advance(Duration.ofMinutes(30));
    reply(call, 3);
    CLOCK.advance(Duration.ofMinutes(31));
    reply(call, 4);
    List<SmtpSink.Received> all = awaitMail("alice@example.org", 3);
    assertTrue(all.get(2).text().contains("3 réponse(s)"),
        "the second notice, an hour after the first, tells the three replies that came meanwhile: " + all.get(2).text());

    CLOCK.advance(Duration.ofMinutes(10));
    reply(call, 5);
    CLOCK.advance(Duration.ofMinutes(55));
    assertEquals(1, await(n.node.services().accounts().notices().flushDue()), "held back, it leaves once the hour is over");
    assertTrue(awaitMail("alice@example.org", 4).get(3).text().contains("1 réponse(s)"));
    assertEquals(0, await(n.node.services().accounts().notices().flushDue()), "nothing left untold");
  }

  @Test
  void savingAnUnconfirmedAddressAgainSendsANewLink() throws Exception {
    await(n.node.services().accounts().users().create(new UserService.NewUser("olga", "Olga", "olga password one"),
        false, Map.of()));
    HttpClient olga = browser();
    assertEquals(303, login(olga, "olga", "olga password one"));
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> page = get(olga, "/espace/email");
      assertEquals(303, post(olga, "/espace/email", Map.of("csrf", csrf(page.body()), "email", "olga@example.org",
          "action", "save")).statusCode());
    }
    String second = link(CONFIRM_LINK, awaitMail("olga@example.org", 2).get(1).text());
    assertEquals(200, get(browser(), second).statusCode());
    assertTrue(get(olga, "/espace/email").body().contains("(confirmée)"));
  }

  // --- helpers

  private static void reply(Publication call, int i) {
    String target = n.base + "/collectives/grenoble/calls/" + call.id();
    assertTrue(await(n.node.services().publishing().replyService.receiveReply(URI.create("https://masto.example/users/zoe"),
        new JsonObject().put("id", "https://masto.example/users/zoe/statuses/" + call.id() + "-" + i).put("type", "Note")
            .put("attributedTo", "https://masto.example/users/zoe").put("inReplyTo", target)
            .put("content", "<p>Réponse " + i + "</p>"))));
  }

  /** A new account with a confirmed address (set and confirmed through its pages); its signed-in client. */
  private static HttpClient account(String username, String password, String email) throws Exception {
    await(n.node.services().accounts().users().create(new UserService.NewUser(username, username, password), false,
        Map.of()));
    HttpClient c = browser();
    assertEquals(303, login(c, username, password));
    confirmAddress(c, email, 1);
    return c;
  }

  private static void confirmAddress(HttpClient c, String email, int expectedMails) throws Exception {
    HttpResponse<String> page = get(c, "/espace/email");
    assertTrue(page.body().contains("name=\"email\""), page.body());
    assertEquals(303, post(c, "/espace/email", Map.of("csrf", csrf(page.body()), "email", email, "action", "save"))
        .statusCode());
    assertTrue(get(c, "/espace/email").body().contains("pas encore confirmée"));
    String link = link(CONFIRM_LINK, awaitMail(email, expectedMails).get(expectedMails - 1).text());
    HttpResponse<String> confirmed = get(browser(), link);
    assertEquals(200, confirmed.statusCode());
    assertTrue(confirmed.body().contains("id=\"email-confirmed\""), confirmed.body());
    assertEquals(410, get(browser(), link).statusCode(), "a confirmation link works once");
  }

  private static List<SmtpSink.Received> awaitMail(String address, int count) {
    TestNodes.waitUntil(Duration.ofSeconds(10), count + " messages for " + address,
        () -> sink.receivedFor(address).size() >= count);
    List<SmtpSink.Received> all = sink.receivedFor(address);
    assertEquals(count, all.size(), "messages for " + address);
    return all;
  }

  private static String link(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), "a link in the message: " + text);
    return m.group(1);
  }

  /** The page without its form token (which differs per request). */
  private static String answer(HttpResponse<String> r) {
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("id=\"forgot-sent\""), r.body());
    return r.body().replaceAll("name=\"csrf\" value=\"[^\"]*\"", "");
  }

  static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  static int login(HttpClient c, String username, String password) throws Exception {
    String token = csrf(get(c, "/espace/login?lang=fr").body());
    return post(c, "/espace/login", Map.of("username", username, "password", password, "csrf", token)).statusCode();
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
}
