package org.coordo.server.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node with mail on, sending to a real SMTP server on loopback ({@link SmtpSink}). */
class MailSendIT {
  @TempDir Path dir;
  private SmtpSink sink;
  private Node node;

  @AfterEach
  void stop() {
    if (node != null) {
      await(node.stop());
    }
    if (sink != null) {
      sink.close();
    }
  }

  private Node startWithMail() {
    sink = SmtpSink.start();
    node = await(Node.start(TestNodes.config(dir, sink.nodeEnv()), TestNodes.options(false)));
    return node;
  }

  @Test
  void aMessageSentThroughTheQueueArrivesWithTheNodesHeaders() {
    startWithMail();
    byte[] ics = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);
    OutgoingMail mail = new OutgoingMail("ada@example.org", "Coordo — Collectif de Grenoble",
        "Assemblée générale : jeudi 18 h", "Rendez-vous à la Bourse du travail.\n",
        "<p>Rendez-vous à la <strong>Bourse du travail</strong>.</p>",
        List.of(new OutgoingMail.Attachment("assemblee.ics", "text/calendar; method=PUBLISH", ics)),
        "https://grenoble.example/mail/unsubscribe/tok123", "auto-generated", null, "orig-1@grenoble.example",
        "publication");
    assertTrue(node.services().mail().enabled());

    await(node.services().mail().send(mail));

    SmtpSink.Received got = sink.awaitOne("ada@example.org");
    assertEquals(SmtpSink.FROM, got.envelopeFrom());
    assertEquals("Coordo — Collectif de Grenoble", got.fromName());
    assertEquals(SmtpSink.FROM, got.fromAddress());
    assertEquals("Assemblée générale : jeudi 18 h", got.subject());
    assertEquals("ada@example.org", got.header("To"));
    ZonedDateTime date = ZonedDateTime.parse(got.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME);
    assertTrue(Duration.between(date.toInstant(), java.time.Instant.now()).abs().toMinutes() < 5, got.header("Date"));
    assertTrue(got.header("Message-ID").matches("<[0-9a-f]{32}@localhost>"), got.header("Message-ID"));
    assertEquals("auto-generated", got.header("Auto-Submitted"));
    assertEquals("<orig-1@grenoble.example>", got.header("In-Reply-To"));
    assertEquals("<orig-1@grenoble.example>", got.header("References"));
    assertEquals("<https://grenoble.example/mail/unsubscribe/tok123>", got.header("List-Unsubscribe"));
    assertEquals("List-Unsubscribe=One-Click", got.header("List-Unsubscribe-Post"));
    assertEquals("Rendez-vous à la Bourse du travail.", got.text().strip());
    assertTrue(got.html().contains("<strong>Bourse du travail</strong>"), got.html());
    assertEquals(1, got.attachments().size());
    assertEquals("assemblee.ics", got.attachments().get(0).name());
    assertEquals("text/calendar", got.attachments().get(0).contentType());
    assertArrayEquals(ics, got.attachments().get(0).content());
  }

  @Test
  void aGivenMessageIdIsKeptAndPersonalMailHasNoListHeaders() {
    startWithMail();
    OutgoingMail mail = new OutgoingMail("bob@example.org", null, "Réinitialiser votre mot de passe", "Lien : …",
        null, List.of(), null, null, "reset-42@localhost", null, "password-reset");

    await(node.services().mail().send(mail));

    SmtpSink.Received got = sink.awaitOne("bob@example.org");
    assertEquals("<reset-42@localhost>", got.header("Message-ID"));
    assertEquals(SmtpSink.FROM, got.header("From"));
    assertEquals(null, got.fromName());
    assertEquals(null, got.header("List-Unsubscribe"));
    assertEquals(null, got.header("Auto-Submitted"));
    assertEquals(null, got.html());
  }

  @Test
  void longNamesAndSubjectsInAnyScriptReadBackWhole() {
    startWithMail();
    String name = "Coordo — Collectif de Grenoble et de toute l'agglomération grenobloise (Isère) ✊🏽";
    String subject = "Grève du 12 : assemblée générale jeudi à 18 h à la Bourse du travail, salle Ambroise-Croizat, "
        + "إضراب, 罢工, «on lâche rien» ✊🏽 — et un sujet assez long pour être replié sur plusieurs lignes";
    await(node.services().mail().send(OutgoingMail.personal("long@example.org", name, subject, "x", null, "notice")));

    SmtpSink.Received got = sink.awaitOne("long@example.org");
    assertEquals(name, got.fromName());
    assertEquals(subject, got.subject());
    for (String line : got.raw().split("\r\n")) {
      assertTrue(line.length() <= 998, "a line longer than SMTP allows");
    }
  }

  @Test
  void lineBreaksInASubjectOrNameAndBadAddressesAreRefusedBeforeAnythingIsQueued() {
    startWithMail();
    List<OutgoingMail> bad = List.of(
        OutgoingMail.personal("eve@example.org", "Coordo", "Bonjour\r\nBcc: victim@example.org", "x", null, "notice"),
        OutgoingMail.personal("eve@example.org", "Coordo\nBcc: victim@example.org", "Bonjour", "x", null, "notice"),
        OutgoingMail.personal("eve@example.org>\r\nRCPT TO:<victim@example.org", "Coordo", "Bonjour", "x", null,
            "notice"),
        OutgoingMail.personal("not-an-address", "Coordo", "Bonjour", "x", null, "notice"));
    for (OutgoingMail mail : bad) {
      Throwable e = assertThrows(AssertionError.class, () -> await(node.services().mail().send(mail))).getCause();
      NodeError error = assertInstanceOf(NodeError.class, e);
      assertEquals(400, error.status());
    }
    // one good message after the bad ones: it is the only one that arrives
    await(node.services().mail().send(OutgoingMail.personal("ok@example.org", "Coordo", "Bonjour", "x", null,
        "notice")));
    sink.awaitOne("ok@example.org");
    assertEquals(1, sink.received().size());
    assertEquals(0, sink.attempts("victim@example.org"));
  }

  @Test
  void withMailOffTheQueueIsDisabledAndSendingFailsWith503() {
    node = await(Node.start(TestNodes.config(dir, Map.of()), TestNodes.options(false)));
    MailQueue mail = node.services().mail();
    assertFalse(mail.enabled());
    Throwable e = assertThrows(AssertionError.class,
        () -> await(mail.send(OutgoingMail.personal("ada@example.org", "Coordo", "Bonjour", "x", null, "notice"))))
        .getCause();
    NodeError error = assertInstanceOf(NodeError.class, e);
    assertEquals(503, error.status());
    assertNotNull(error.getMessage());
  }
}
