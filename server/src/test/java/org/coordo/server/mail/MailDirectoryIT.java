package org.coordo.server.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code directory} transport (the demo's): whole messages, readable, in {@code new/}. */
class MailDirectoryIT {
  @TempDir Path dir;

  private static List<Path> files(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(directory)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void eachMessageIsWrittenAsAnEmlFileWithTheSameHeadersAsOverSmtp() throws IOException {
    Path mailDir = dir.resolve("mail-out");
    Node node = await(Node.start(TestNodes.config(dir, Map.of("COORDO_MAIL_TRANSPORT", "directory",
        "COORDO_MAIL_DIRECTORY", mailDir.toString(), "COORDO_MAIL_FROM", "grenoble@coordo.localhost")),
        TestNodes.options(false)));
    try {
      await(node.services().mail().send(new OutgoingMail("ada@example.org", "Coordo — Grenoble", "Assemblée jeudi",
          "Jeudi 18 h.", "<p>Jeudi 18 h.</p>", List.of(new OutgoingMail.Attachment("ag.ics", "text/calendar",
              "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes())), "https://grenoble.example/u/t", "auto-generated",
          null, null, "publication")));

      TestNodes.waitUntil(Duration.ofSeconds(10), "a file in new/", () -> !files(mailDir.resolve("new")).isEmpty());
      List<Path> written = files(mailDir.resolve("new"));
      assertEquals(1, written.size());
      assertTrue(written.get(0).getFileName().toString().endsWith(".eml"), written.toString());
      assertEquals(List.of(), files(mailDir.resolve("tmp")));
      SmtpSink.Received got = SmtpSink.Received.parse(null, List.of(), Files.readAllBytes(written.get(0)));
      assertEquals("Coordo — Grenoble", got.fromName());
      assertEquals("grenoble@coordo.localhost", got.fromAddress());
      assertEquals("Assemblée jeudi", got.subject());
      assertEquals("ada@example.org", got.header("To"));
      assertTrue(got.header("Message-ID").matches("<[0-9a-f]{32}@localhost>"), got.header("Message-ID"));
      assertEquals("<https://grenoble.example/u/t>", got.header("List-Unsubscribe"));
      assertEquals("List-Unsubscribe=One-Click", got.header("List-Unsubscribe-Post"));
      assertEquals("auto-generated", got.header("Auto-Submitted"));
      assertEquals("Jeudi 18 h.", got.text().strip());
      assertEquals("<p>Jeudi 18 h.</p>", got.html().strip());
      assertEquals("ag.ics", got.attachments().get(0).name());
    } finally {
      await(node.stop());
    }
  }
}
