package org.coordo.server.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoGuideTest {
  private static List<DemoFederation.Running> nodes() {
    List<DemoFederation.Running> out = new ArrayList<>();
    for (int i = 0; i < DemoFederation.SPECS.size(); i++) {
      out.add(new DemoFederation.Running(DemoFederation.SPECS.get(i), 8081 + i, null));
    }
    return out;
  }

  @Test
  void guidePointsAtPagesWithTheirLoginsAndNoJsonUrl() {
    String guide = DemoFederation.guide(nodes());
    assertFalse(guide.contains("/api/"), guide);
    assertFalse(guide.contains("/actors/"), guide);
    assertFalse(guide.contains(".rss") || guide.contains(".ics"), guide);
    assertTrue(guide.contains("http://127.0.0.1:8081/collectives/grenoble"), guide);
    assertTrue(guide.contains("http://127.0.0.1:8084/ "), "the national node's home page: " + guide);
    assertTrue(guide.contains("login alice / " + DemoFederation.PASSWORD), guide);
    assertTrue(guide.contains("login admin / " + DemoFederation.PASSWORD), guide);
    assertTrue(guide.contains("/espace/login"), guide);
    assertTrue(guide.contains("@grenoble@127.0.0.1:8081"), guide);
  }

  @Test
  void guideSaysWhereTheMailIsWrittenAndLinksTheDayOfActionAndTheCoSignedCall() {
    String guide = DemoFederation.guide(nodes(), java.nio.file.Path.of("/tmp/coordo-demo/mail"),
        "http://127.0.0.1:8084/days/01J", "http://127.0.0.1:8081/collectives/grenoble/calls/01K");
    assertTrue(guide.contains("Mail is not sent: read it in /tmp/coordo-demo/mail/new (one .eml file per message)."),
        guide);
    String[] lines = guide.split("\n");
    assertTrue(lines.length <= 16, lines.length + " lines");
    assertTrue(guide.contains("Day of action (national):  http://127.0.0.1:8084/days/01J"), guide);
    assertTrue(guide.contains("Call co-signed by Lille:   http://127.0.0.1:8081/collectives/grenoble/calls/01K"),
        guide);
  }

  @Test
  void guideIsShortAndEndsWithItsRule() {
    String[] lines = DemoFederation.guide(nodes()).split("\n");
    assertTrue(lines.length <= 14, lines.length + " lines");
    assertEquals("-".repeat(72), lines[lines.length - 1]);
  }
}
