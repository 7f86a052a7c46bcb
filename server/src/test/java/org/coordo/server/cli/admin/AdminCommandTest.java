package org.coordo.server.cli.admin;

import org.coordo.server.app.NodeOptions;
import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.cli.Cli;
import org.coordo.server.service.account.AccountsFixture;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./coordo admin …} run in-process, on a stopped node's data directory and against a running node. */
class AdminCommandTest {
  @TempDir Path dir;

  record Result(int status, String out, String err) {}

  /** More environment for the commands (the PostgreSQL settings). */
  Map<String, String> extraEnv = Map.of();

  Result runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(TestNodes.emptyConfigFile(dir).toString());
    int status = new Cli(List.of(new AdminCommand(() -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))),
        TestNodes.env(dir, with(extraEnv, "COORDO_PUBLIC_URL", "https://lyon.example")),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all.toArray(String[]::new));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(key, value);
    return all;
  }

  @Test
  void offlineCommandsOnPostgresqlWriteToTheDatabaseNotToAnEmbeddedOne() {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      extraEnv = TestNodes.postgresql(db, dir.resolve("files"));
      Result collective = run("admin", "create-collective", "lyon", "--display-name", "Lyon en lutte");
      assertEquals(0, collective.status(), collective.err());
      Result editor = runWithInput("ed-password-123\n", "admin", "create-user", "ed", "--role", "editor",
          "--collective", "lyon", "--password-stdin");
      assertEquals(0, editor.status(), "the second command finds the collective in PostgreSQL: " + editor.err());
      Result again = run("admin", "create-collective", "lyon", "--display-name", "Lyon");
      assertEquals(1, again.status(), again.out());
      assertFalse(Files.exists(dir.resolve("data").resolve("db")), "no embedded database was made");
    }
  }

  @Test
  void offlineCommandsPrepareANodeThatThenAcceptsTheirCredentials() {
    Result collective = run("admin", "create-collective", "lyon", "--display-name", "Lyon en lutte",
        "--description", "Le collectif *lyonnais*");
    assertEquals(0, collective.status(), collective.err());
    assertEquals("created collective lyon (actor https://lyon.example/actors/lyon)\n", collective.out());

    Result admin = run("admin", "create-user", "root", "--role", "admin");
    assertEquals(0, admin.status(), admin.err());
    assertTrue(admin.out().startsWith("created user root (node admin)\n"), admin.out());
    String generated = admin.out().lines().filter(l -> l.startsWith("password (shown once): ")).findFirst()
        .orElseThrow().substring("password (shown once): ".length());
    assertEquals(20, generated.length());

    Result editor = runWithInput("ed-password-123\n", "admin", "create-user", "ed", "--role", "editor", "--collective", "lyon",
        "--password-stdin", "--display-name", "Ed");
    assertEquals(0, editor.status(), editor.err());
    assertEquals("created user ed (editor of lyon)\n", editor.out(), "no password printed when given");

    Result invite = run("admin", "invite", "--collective", "lyon", "--role", "member", "--expires-days", "3");
    assertEquals(0, invite.status(), invite.err());
    String link = invite.out().strip();
    assertTrue(link.matches("https://lyon\\.example/invitations/[A-Za-z0-9_-]{43}"), link);

    Result token = run("admin", "create-token", "--user", "ed", "--label", "cron");
    assertEquals(0, token.status(), token.err());
    String bearer = token.out().strip();
    assertTrue(bearer.matches("[A-Za-z0-9_-]{43}"), bearer);

    Node node = startNode();
    try {
      int port = node.port();
      HttpResponse<String> login = TestNodes.post(port, "/api/session",
          new JsonObject().put("username", "root").put("password", generated).encode());
      assertEquals(200, login.statusCode(), login.body());
      assertTrue(new JsonObject(login.body()).getBoolean("admin"));
      HttpResponse<String> me = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(port, "/api/me"))
          .header("Authorization", "Bearer " + bearer).build());
      assertEquals(200, me.statusCode());
      assertEquals("editor", new JsonObject(me.body()).getJsonObject("roles").getString("lyon"));
      String invitation = link.substring(link.lastIndexOf('/') + 1);
      HttpResponse<String> accepted = TestNodes.post(port, "/api/invitations/" + invitation + "/accept",
          new JsonObject().put("username", "mia").put("password", "mia-password").encode());
      assertEquals(201, accepted.statusCode(), accepted.body());
      assertEquals("member", new JsonObject(accepted.body()).getString("role"));
    } finally {
      await(node.stop());
    }
  }

  @Test
  void commandsGoThroughTheRunningNode() {
    Node node = startNode();
    try {
      Result collective = run("admin", "create-collective", "grenoble", "--display-name", "Grenoble",
          "--manually-approves-followers");
      assertEquals(0, collective.status(), collective.err());
      Result user = runWithInput("pw-for-gina-1\n", "admin", "create-user", "gina", "--role", "member",
          "--collective", "grenoble", "--password-stdin");
      assertEquals(0, user.status(), user.err());
      Result invite = run("admin", "invite", "--collective", "grenoble", "--role", "editor");
      assertEquals(0, invite.status(), invite.err());
      Result token = run("admin", "create-token", "--user", "gina");
      assertEquals(0, token.status(), token.err());
      String id = token.err().split(" ")[2];

      HttpResponse<String> me = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node.port(), "/api/me"))
          .header("Authorization", "Bearer " + token.out().strip()).build());
      assertEquals(200, me.statusCode(), "the running node wrote the token: " + me.body());
      HttpResponse<String> group = TestNodes.get(node.port(), "/api/collectives/grenoble");
      assertTrue(new JsonObject(group.body()).getBoolean("manuallyApprovesFollowers"), group.body());

      Result revoked = run("admin", "revoke-token", "--user", "gina", "--id", id);
      assertEquals(0, revoked.status(), revoked.err());
      assertEquals(401, TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node.port(), "/api/me"))
          .header("Authorization", "Bearer " + token.out().strip()).build()).statusCode());

      HttpResponse<String> session = TestNodes.post(node.port(), "/api/session",
          new JsonObject().put("username", "gina").put("password", "pw-for-gina-1").encode());
      String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      Result reset = run("admin", "set-password", "gina");
      assertEquals(0, reset.status(), reset.err());
      String fresh = reset.out().lines().filter(l -> l.startsWith("password (shown once): ")).findFirst()
          .orElseThrow().substring("password (shown once): ".length());
      assertEquals(401, TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node.port(), "/api/me"))
          .header("Cookie", cookie).build()).statusCode(), "sessions logged out");
      assertEquals(200, TestNodes.post(node.port(), "/api/session",
          new JsonObject().put("username", "gina").put("password", fresh).encode()).statusCode());
      assertEquals(1, run("admin", "set-password", "nobody").status());

      Result taken = run("admin", "create-collective", "gina");
      assertEquals(1, taken.status());
      assertTrue(taken.err().contains("  name: already taken"), taken.err());
    } finally {
      await(node.stop());
    }
  }

  @Test
  void badInputIsReportedPerFieldWithoutWriting() {
    Result badName = run("admin", "create-collective", "Not OK");
    assertEquals(1, badName.status());
    assertTrue(badName.err().startsWith("coordo: invalid input\n  name: "), badName.err());
    Result noCollective = run("admin", "create-user", "bob", "--role", "editor");
    assertEquals(1, noCollective.status());
    assertTrue(noCollective.err().contains("  collective: an editor or member needs a collective"), noCollective.err());
    Result unknownCollective = run("admin", "invite", "--collective", "nowhere", "--role", "member");
    assertEquals(1, unknownCollective.status());
    assertEquals("coordo: no such collective: nowhere\n", unknownCollective.err());
    Result badRole = run("admin", "invite", "--collective", "x", "--role", "admin");
    assertEquals(1, badRole.status());
    assertEquals(2, run("admin", "create-token").status(), "--user missing");
    assertEquals(2, run("admin", "frobnicate").status());
    assertEquals(2, run("admin", "create-user", "bob", "--role", "member", "--colective", "x").status());
    Result help = run("admin", "invite", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().startsWith("Usage: ./coordo admin SUBCOMMAND"), help.out());
    assertTrue(help.out().contains("\nUsage: ./coordo admin invite --collective NAME"), help.out());
    assertFalse(run("admin", "create-user", "bob", "--role", "member", "--collective", "x", "--password-stdin")
        .err().isEmpty(), "empty stdin refused");
  }

  private Node startNode() {
    return await(Node.start(TestNodes.config(dir, Map.of("COORDO_PUBLIC_URL", "https://lyon.example")),
        NodeOptions.standard().withHashing(AccountsFixture.CHEAP)));
  }
}
