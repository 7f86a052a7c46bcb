package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.mail.SmtpSink;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follow that waits for approval tells the collective's editors by mail: a second real node's
 * collective follows one that approves its followers by hand; its editor, whose address is
 * confirmed, gets a notice linking to the followers page. An editor without an address gets none.
 */
class EditorFollowNoticeIT {
  @TempDir
  static Path dir;
  static SmtpSink sink;
  static WebTestNode city;
  static WebTestNode other;

  @BeforeAll
  static void start() {
    sink = SmtpSink.start();
    city = WebTestNode.start(dir.resolve("city"), sink.nodeEnv());
    other = WebTestNode.start(dir.resolve("other"));
  }

  @AfterAll
  static void stop() {
    for (WebTestNode n : new WebTestNode[] {other, city}) {
      if (n != null) {
        n.close();
      }
    }
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void aFollowWaitingForApprovalTellsTheEditorsWithAnAddress() {
    Accounts a = city.node.services().accounts();
    await(a.collectives().create("lyon", "Collectif de Lyon", "", true));
    await(a.users().create(new UserService.NewUser("leo", "Léo", "leo password one"), false, Map.of("lyon", Role.EDITOR)));
    await(a.users().create(new UserService.NewUser("mia", "Mia", "mia password one"), false, Map.of("lyon", Role.EDITOR)));
    String leo = await(a.users().findByUsername("leo")).orElseThrow().id();
    await(a.addresses().set(leo, "leo@example.org", "fr"));
    String confirm = sink.awaitOne("leo@example.org").text().replaceAll("(?s).*(/espace/email/confirm/[A-Za-z0-9_-]{43}).*", "$1");
    assertEquals(200, TestNodes.get(city.port, confirm).statusCode());

    await(other.node.services().fed().follow(WebTestNode.COLLECTIVE, "@lyon@127.0.0.1:" + city.port));
    TestNodes.waitUntil(Duration.ofSeconds(15), "the follow request waits on the city node",
        () -> !await(city.node.services().fed().pendingFollowers("lyon", 10)).isEmpty());

    TestNodes.waitUntil(Duration.ofSeconds(10), "the notice", () -> sink.receivedFor("leo@example.org").size() == 2);
    SmtpSink.Received notice = sink.receivedFor("leo@example.org").get(1);
    assertEquals("auto-generated", notice.header("Auto-Submitted"));
    assertTrue(notice.subject().contains("Collectif de Lyon"), notice.subject());
    assertTrue(notice.text().contains(city.base + "/espace/lyon/followers"), notice.text());
    assertTrue(notice.text().contains("1 demande(s) d’abonnement") || notice.text().contains("1 demande(s) d'abonnement"),
        notice.text());
    assertEquals(2, sink.received().size(), "mia has no address: only leo's confirmation and notice were sent");
  }
}
