package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * What waits for a collective's editors tells them by mail. A follow that waits for approval: a second real
 * node's collective follows one that approves its followers by hand; its editor, whose address is confirmed,
 * gets a notice linking to the followers page (an editor without an address gets none). An invitation to co-sign
 * a call, sent by the other node: a notice linking to the members' space invitations. A city's request to join
 * the national coordination: the national group's editor gets a notice linking to the requests.
 */
class EditorFollowNoticeIT {
  @TempDir
  static Path dir;
  static SmtpSink sink;
  static WebTestNode city;
  static WebTestNode other;
  static WebTestNode national;

  @BeforeAll
  static void start() {
    sink = SmtpSink.start();
    city = WebTestNode.start(dir.resolve("city"), sink.nodeEnv());
    other = WebTestNode.start(dir.resolve("other"));
    national = WebTestNode.national(dir.resolve("national"), sink.nodeEnv());
  }

  @AfterAll
  static void stop() {
    for (WebTestNode n : new WebTestNode[] {national, other, city}) {
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

  @Test
  void anInvitationToCoSignACallTellsTheInvitedCollectivesEditors() {
    Accounts a = city.node.services().accounts();
    await(a.collectives().create("nantes", "Collectif de Nantes", "", false));
    editorWithAddress(city, "noa", "nantes", "noa@example.org");

    // the other node's collective publishes a call and invites Nantes to co-sign it
    String token = await(other.node.services().accounts().sessions().createToken(WebTestNode.EDITOR, "t")).token();
    HttpResponse<String> call = TestNodes.send(HttpRequest.newBuilder(URI.create(other.base + "/api/collectives/"
            + WebTestNode.COLLECTIVE + "/calls")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
            .put("title", "Grève du 12").put("content", "Texte.").put("publish", true).encode())).build());
    assertEquals(201, call.statusCode(), call.body());
    String id = new JsonObject(call.body()).getString("id");
    HttpResponse<String> invited = TestNodes.send(HttpRequest.newBuilder(URI.create(other.base + "/api/collectives/"
            + WebTestNode.COLLECTIVE + "/calls/" + id + "/signatories/invitations"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("handle", "@nantes@127.0.0.1:" + city.port)
            .encode())).build());
    assertEquals(201, invited.statusCode(), invited.body());

    TestNodes.waitUntil(Duration.ofSeconds(15), "the notice", () -> sink.receivedFor("noa@example.org").size() == 2);
    SmtpSink.Received notice = sink.receivedFor("noa@example.org").get(1);
    assertTrue(notice.subject().contains("Collectif de Nantes"), notice.subject());
    assertTrue(notice.text().contains(city.base + "/espace/nantes/cosign"), notice.text());
    assertTrue(notice.text().contains("1 invitation(s) à co-signer un appel"), notice.text());
  }

  @Test
  void aCityAskingToJoinTheCoordinationTellsTheNationalGroupsEditors() {
    editorWithAddress(national, "nour", "national", "nour@example.org");
    await(other.node.services().coordination().joins().ask(WebTestNode.COLLECTIVE,
        "@national@127.0.0.1:" + national.port));

    TestNodes.waitUntil(Duration.ofSeconds(15), "the notice", () -> sink.receivedFor("nour@example.org").size() == 2);
    SmtpSink.Received notice = sink.receivedFor("nour@example.org").get(1);
    assertTrue(notice.text().contains(national.base + "/espace/coordination/requests"), notice.text());
    assertTrue(notice.text().contains("1 demande(s) d’adhésion à la coordination"), notice.text());
  }

  /** An editor of {@code collective} on {@code n} whose address is confirmed (its confirmation is the first mail). */
  private static void editorWithAddress(WebTestNode n, String name, String collective, String address) {
    Accounts a = n.node.services().accounts();
    await(a.users().create(new UserService.NewUser(name, name, name + " password one"), false,
        Map.of(collective, Role.EDITOR)));
    String userId = await(a.users().findByUsername(name)).orElseThrow().id();
    await(a.addresses().set(userId, address, "fr"));
    String confirm = sink.awaitOne(address).text().replaceAll("(?s).*(/espace/email/confirm/[A-Za-z0-9_-]{43}).*", "$1");
    assertEquals(200, TestNodes.get(n.port, confirm).statusCode());
  }
}
