package org.coordo.server.service.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.coordo.federation.FollowState;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.mail.SmtpSink;
import org.coordo.server.service.publication.PublicationInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publication mails on whole nodes, sent to a real SMTP server on loopback ({@link SmtpSink}) and read
 * back with Angus Mail and ical4j: subscribers confirmed through the subscription service, publications
 * written through the publishing service.
 */
class PublicationMailsIT {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Principal EDITOR = new Principal("u-alice", "alice", false,
      Map.of("grenoble", Role.EDITOR, "lyon", Role.EDITOR));
  static final Pattern CONFIRM = Pattern.compile("/subscriptions/confirm/([A-Za-z0-9_-]+)");

  @TempDir Path dir;
  SmtpSink sink;
  Node node;
  Node other;

  @AfterEach
  void stop() {
    for (Node n : new Node[] {node, other}) {
      if (n != null) {
        await(n.stop());
      }
    }
    if (sink != null) {
      sink.close();
    }
  }

  Node start(Path data, String role, int port, boolean mail) {
    try {
      java.nio.file.Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>(mail ? sink.nodeEnv() : Map.of());
    env.putAll(Map.of("COORDO_PORT", String.valueOf(port), "COORDO_PUBLIC_URL", "http://127.0.0.1:" + port,
        "COORDO_ROLE", role, "COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true"));
    return await(Node.start(TestNodes.config(data, env), TestNodes.options(false)));
  }

  /** Subscribes and follows the confirmation link from the mail that the sink received. */
  void subscribe(Node n, String email, String scope, String locale, MailFrequency f, boolean eventsOnly,
      Set<String> cities) {
    SubscriptionService subs = n.services().subscriptions();
    await(subs.subscribe(email, scope, new Subscription.Choices(locale, f, eventsOnly, cities), "client-" + email));
    Matcher m = CONFIRM.matcher(sink.awaitOne(email).text());
    assertTrue(m.find(), "a confirmation link");
    assertEquals(SubscriptionService.LinkState.VALID, await(subs.confirm(m.group(1))).state());
  }

  static PublicationInput event(String title, ZonedDateTime start, String place) {
    return new PublicationInput(title, null, "Venez **nombreuses** et nombreux.", "fr", List.of(), null,
        new EventDetails(start.toInstant(), start.plusHours(2).toInstant(), start.getZone(),
            new EventLocation(place, place + ", 38000 Grenoble", null, null, null, null), EventStatus.Scheduled, null));
  }

  static PublicationInput call(String title) {
    return new PublicationInput(title, null, "Tous et toutes en grève jeudi.", "fr", List.of(), null, null);
  }

  static List<SmtpSink.Received> kind(List<SmtpSink.Received> mails, String subjectStart) {
    return mails.stream().filter(r -> r.subject().startsWith(subjectStart)).toList();
  }

  @Test
  void subscribersGetEachPublicationWithItsIcsCorrectionsInReplyAndTheDigestButNeverADraft() throws Exception {
    sink = SmtpSink.start();
    node = start(dir.resolve("city"), "city", freePort(), true);
    await(node.services().accounts().collectives().create("grenoble", "Collectif de Grenoble", "", false));
    subscribe(node, "ada@example.org", "grenoble", "fr", MailFrequency.EACH, false, Set.of());
    subscribe(node, "bob@example.org", "grenoble", "en", MailFrequency.EACH, true, Set.of());
    subscribe(node, "cy@example.org", "grenoble", "fr", MailFrequency.WEEKLY, false, Set.of());
    var publications = node.services().publishing().service;

    await(publications.create(EDITOR, "grenoble", PublicationKind.EVENT, event("Brouillon secret",
        ZonedDateTime.now(PARIS).plusDays(3), "Local"), false));
    await(publications.create(EDITOR, "grenoble", PublicationKind.CALL, call("Appel à la grève"), true));
    ZonedDateTime start = ZonedDateTime.now(PARIS).plusDays(5).withHour(18).withMinute(30).withSecond(0).withNano(0);
    Publication ag = await(publications.create(EDITOR, "grenoble", PublicationKind.EVENT,
        event("Assemblée générale", start, "Bourse du travail"), true));
    TestNodes.waitUntil(Duration.ofSeconds(20), "the publication mails", () ->
        sink.receivedFor("ada@example.org").size() == 3 && sink.receivedFor("bob@example.org").size() == 2);

    List<SmtpSink.Received> ada = sink.receivedFor("ada@example.org");
    assertEquals(List.of(), kind(ada, "Brouillon"), "nothing for a draft");
    SmtpSink.Received mail = kind(ada, "Assemblée générale").get(0);
    assertEquals("Coordo — Collectif de Grenoble", mail.fromName());
    assertTrue(mail.text().contains("Quand : "), mail.text());
    assertTrue(mail.text().contains("18:30") && mail.text().contains("(heure de Paris)"), mail.text());
    assertTrue(mail.text().contains("Où : Bourse du travail, 38000 Grenoble"), mail.text());
    assertTrue(mail.text().contains("Venez nombreuses et nombreux."), mail.text());
    assertTrue(mail.html().contains("<strong>nombreuses</strong>"), mail.html());
    String unsubscribe = mail.header("List-Unsubscribe");
    assertTrue(unsubscribe.contains("/subscriptions/unsubscribe/"), unsubscribe);
    assertTrue(mail.text().contains(unsubscribe.substring(1, unsubscribe.length() - 1)), "the link in the footer too");
    assertEquals("List-Unsubscribe=One-Click", mail.header("List-Unsubscribe-Post"));
    assertEquals(1, mail.attachments().size());
    assertEquals("text/calendar", mail.attachments().get(0).contentType());
    Calendar cal = new CalendarBuilder().build(new StringReader(new String(mail.attachments().get(0).content(),
        StandardCharsets.UTF_8)));
    assertEquals("PUBLISH", cal.getProperty("METHOD").orElseThrow().getValue());
    VEvent v = cal.<VEvent>getComponents("VEVENT").get(0);
    String eventId = "http://127.0.0.1:" + node.port() + "/collectives/grenoble/events/" + ag.id();
    assertEquals(eventId, v.getProperty("UID").orElseThrow().getValue());
    DtStart<?> dtStart = v.<DtStart<?>>getProperty("DTSTART").orElseThrow();
    assertEquals("Europe/Paris", dtStart.getParameter("TZID").orElseThrow().getValue());
    assertEquals(start.toInstant(), Instant.from(dtStart.getDate()));
    assertEquals("Bourse du travail, 38000 Grenoble", v.getProperty("LOCATION").orElseThrow().getValue());

    List<SmtpSink.Received> bob = sink.receivedFor("bob@example.org");
    assertEquals(List.of(), kind(bob, "Appel"), "events only: no call");
    assertTrue(kind(bob, "Assemblée générale").get(0).text().contains("When: "), "in English");
    assertEquals(List.of(), sink.receivedFor("cy@example.org").stream().skip(1).toList(), "weekly: only the confirmation");

    // The cancellation reaches exactly those who got the event, in reply to what they got.
    await(publications.cancel(EDITOR, ag.key()));
    TestNodes.waitUntil(Duration.ofSeconds(20), "the corrections", () ->
        sink.receivedFor("ada@example.org").size() == 4 && sink.receivedFor("bob@example.org").size() == 3);
    SmtpSink.Received cancelled = kind(sink.receivedFor("ada@example.org"), "Annulé : Assemblée générale").get(0);
    assertEquals(mail.header("Message-ID"), cancelled.header("In-Reply-To"));
    VEvent cv = new CalendarBuilder().build(new StringReader(new String(cancelled.attachments().get(0).content(),
        StandardCharsets.UTF_8))).<VEvent>getComponents("VEVENT").get(0);
    assertEquals("CANCELLED", cv.getProperty("STATUS").orElseThrow().getValue());
    assertEquals(eventId, cv.getProperty("UID").orElseThrow().getValue());
    assertTrue(Integer.parseInt(cv.getProperty("SEQUENCE").orElseThrow().getValue())
        > Integer.parseInt(v.getProperty("SEQUENCE").orElseThrow().getValue()));
    SmtpSink.Received bobCancelled = kind(sink.receivedFor("bob@example.org"), "Cancelled: ").get(0);
    assertEquals(kind(bob, "Assemblée générale").get(0).header("Message-ID"), bobCancelled.header("In-Reply-To"));

    // The weekly digest: to the weekly subscriber only, once however often it is asked for.
    await(node.services().publicationMails().fanout.digestNow());
    await(node.services().publicationMails().fanout.digestNow());
    TestNodes.waitUntil(Duration.ofSeconds(20), "the digest", () -> sink.receivedFor("cy@example.org").size() == 2);
    SmtpSink.Received digest = sink.receivedFor("cy@example.org").get(1);
    assertEquals("Cette semaine : Collectif de Grenoble", digest.subject());
    assertTrue(digest.text().indexOf("Assemblée générale") < digest.text().indexOf("Appel à la grève"),
        "upcoming events first: " + digest.text());
    assertFalse(digest.text().contains("Brouillon"), digest.text());
    assertEquals(4, sink.receivedFor("ada@example.org").size(), "no digest for a subscriber of every publication");
  }

  @Test
  void aFanOutWrittenBeforeAStopIsSentAfterTheRestart() {
    sink = SmtpSink.start();
    int port = freePort();
    node = start(dir.resolve("city"), "city", port, true);
    await(node.services().accounts().collectives().create("grenoble", "Collectif de Grenoble", "", false));
    subscribe(node, "ada@example.org", "grenoble", "fr", MailFrequency.EACH, false, Set.of());
    subscribe(node, "bob@example.org", "grenoble", "fr", MailFrequency.EACH, false, Set.of());
    await(node.services().publicationMails().fanout.stop()); // the worker is gone; the job is written with the call
    await(node.services().publishing().service.create(EDITOR, "grenoble", PublicationKind.CALL,
        call("Appel écrit avant l'arrêt"), true));
    await(node.stop());
    assertEquals(List.of(), kind(sink.received(), "Appel écrit"));

    node = start(dir.resolve("city"), "city", port, true);
    TestNodes.waitUntil(Duration.ofSeconds(20), "the call's mails after the restart", () ->
        kind(sink.received(), "Appel écrit").size() == 2);
    assertEquals(1, kind(sink.receivedFor("ada@example.org"), "Appel écrit").size());
    assertEquals(1, kind(sink.receivedFor("bob@example.org"), "Appel écrit").size());
  }

  @Test
  void nationalSubscribersGetTheCitiesTheyChose() {
    sink = SmtpSink.start();
    int cityPort = freePort();
    other = start(dir.resolve("city"), "city", cityPort, false);
    await(other.services().accounts().collectives().create("grenoble", "Collectif de Grenoble", "", false));
    await(other.services().accounts().collectives().create("lyon", "Collectif de Lyon", "", false));
    node = start(dir.resolve("national"), "national", freePort(), true);
    var coordination = node.services().national();
    await(coordination.follow("@grenoble@127.0.0.1:" + cityPort));
    await(coordination.follow("@lyon@127.0.0.1:" + cityPort));
    TestNodes.waitUntil(Duration.ofSeconds(20), "both collectives accepted the national follow", () ->
        await(coordination.follows()).stream().filter(f -> f.state() == FollowState.ACCEPTED).count() == 2);
    String scope = coordination.groupName();
    subscribe(node, "ada@example.org", scope, "fr", MailFrequency.EACH, false, Set.of());
    subscribe(node, "bob@example.org", scope, "fr", MailFrequency.EACH, false, Set.of("lyon"));
    subscribe(node, "cy@example.org", scope, "fr", MailFrequency.EACH, true, Set.of("grenoble"));

    var publications = other.services().publishing().service;
    await(publications.create(EDITOR, "grenoble", PublicationKind.CALL, call("Appel grenoblois"), true));
    await(publications.create(EDITOR, "lyon", PublicationKind.EVENT,
        event("Manifestation lyonnaise", ZonedDateTime.now(PARIS).plusDays(4), "Place Bellecour"), true));
    // ada 2, bob 1 (Lyon), cy 0 (Grenoble's events only: the call is not one); plus the 3 confirmations
    sink.awaitCount(6, Duration.ofSeconds(30));
    TestNodes.waitUntil(Duration.ofSeconds(10), "ada's two mails", () -> sink.receivedFor("ada@example.org").size() == 3);
    assertEquals(List.of("Appel grenoblois"), kind(sink.receivedFor("ada@example.org"), "Appel").stream()
        .map(SmtpSink.Received::subject).toList());
    List<SmtpSink.Received> bob = sink.receivedFor("bob@example.org");
    assertEquals(2, bob.size(), "the confirmation and Lyon's event");
    assertTrue(bob.get(1).subject().startsWith("Manifestation lyonnaise"), bob.get(1).subject());
    assertTrue(bob.get(1).text().contains("Publié par Collectif de Lyon"), bob.get(1).text());
    assertEquals(1, sink.receivedFor("cy@example.org").size(), "only the confirmation");
    assertEquals(6, sink.received().size());
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
