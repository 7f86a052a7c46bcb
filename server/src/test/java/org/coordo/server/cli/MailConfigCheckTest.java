package org.coordo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./coordo config check} says whether mail is on, and never prints the SMTP password. */
class MailConfigCheckTest {
  @TempDir Path tmp;

  @Test
  void configCheckSaysMailIsOffByDefault() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"), "{}");
    CliTest.Result r = CliTest.run(Map.of("COORDO_DATA_DIR", tmp.resolve("data").toString()),
        "config", "check", "--config", file.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("\nmail is off (mail.transport = off)"), r.out());
  }

  @Test
  void configCheckSaysHowMailIsSentAndHidesThePassword() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"),
        "{\"mail\": {\"transport\": \"smtp\", \"host\": \"smtp.example.org\", \"user\": \"coordo\","
            + " \"from\": \"coordo@grenoble.example\"}}");
    CliTest.Result r = CliTest.run(Map.of("COORDO_DATA_DIR", tmp.resolve("data").toString(),
        "COORDO_MAIL_PASSWORD", "hunter2-s3cret"), "config", "check", "--config", file.toString());
    assertEquals(0, r.status(), r.err());
    assertFalse(r.out().contains("hunter2-s3cret"), r.out());
    assertTrue(r.out().matches("(?s).*mail\\.password +?= \\(set, not shown\\) +\\(COORDO_MAIL_PASSWORD\\).*"), r.out());
    assertTrue(r.out().contains("mail is on: SMTP to smtp.example.org:587 (starttls, login coordo), from "
        + "coordo@grenoble.example, at most 5/s, no DKIM"), r.out());
  }
}
