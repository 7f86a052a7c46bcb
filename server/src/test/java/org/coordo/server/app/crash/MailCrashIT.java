package org.coordo.server.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.coordo.server.app.TestNodes;
import org.coordo.server.mail.SmtpSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail accepted by a node survives a {@code kill -9} of its process: a real node in a child JVM (the
 * production assembly) accepts a batch at a slow rate, is killed while most of it waits, and after a restart
 * on the same data sends every message.
 */
class MailCrashIT {
  private static final int COUNT = 12;

  @TempDir Path dir;

  @Test
  void acceptedMailSurvivesKill9AndIsDeliveredAfterRestart() throws Exception {
    try (SmtpSink sink = SmtpSink.start()) {
      Map<String, String> env = new HashMap<>(sink.nodeEnv());
      env.put("COORDO_MAIL_RATE", "2");
      try (CrashNode node = new CrashNode(dir, env, MailCrashNodeMain.class)) {
        node.start();
        HttpResponse<String> accepted = TestNodes.send(HttpRequest.newBuilder(
            URI.create(node.base + "/test/mail?count=" + COUNT)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, accepted.statusCode(), accepted.body());
        node.kill9();
        int before = sink.received().size();
        assertTrue(before < COUNT, "the node sent everything before it was killed: " + before);

        node.start();
        TestNodes.waitUntil(Duration.ofSeconds(60), "every accepted message after the restart", () -> {
          Set<String> subjects = new TreeSet<>();
          sink.received().forEach(r -> subjects.add(r.subject()));
          return subjects.size() == COUNT;
        });
        // at least once: a message in flight at the kill may be sent twice, never more often
        assertTrue(sink.received().size() <= COUNT + 1, "sent " + sink.received().size() + " for " + COUNT);
        assertEquals(0, node.stop());
      }
    }
  }
}
