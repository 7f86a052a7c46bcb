package org.coordo.server.app.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.app.TestNodes;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A toolbox upload the node answered survives a {@code kill -9} right after the answer: the node (the
 * real command line in a child JVM) is killed the moment the editor gets the 303 for a new document and
 * for a new version of its file, and after a restart both are there, byte for byte, the old version
 * too.
 */
class ToolboxCrashIT {
  @TempDir
  Path tmp;
  CrashNode node;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void tearDown() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void anAcknowledgedDocumentAndItsNewVersionSurviveKill9RightAfterTheAnswer() throws Exception {
    node = new CrashNode(tmp);
    cli("admin", "create-collective", "grenoble", "--display-name", "Grenoble");
    cli("admin", "create-user", "ed", "--role", "editor", "--collective", "grenoble");
    String token = cli("admin", "create-token", "--user", "ed", "--label", "toolbox crash").strip();
    node.start();

    byte[] v1 = pdf("v1", 300_000);
    HttpResponse<String> added = upload(token, "/espace/grenoble/toolbox",
        Map.of("title", "Livret d'accueil", "audience", "members"), v1);
    assertEquals(303, added.statusCode(), added.body());
    node.kill9();
    node.start();
    String edit = added.headers().firstValue("Location").orElseThrow();
    String doc = edit.replace("/espace/grenoble/toolbox/doc/", "/collectives/grenoble/toolbox/");
    assertArrayEquals(v1, download(token, doc + "/files/1"), "the acknowledged document is there");

    byte[] v2 = pdf("v2", 400_000);
    HttpResponse<String> replaced = upload(token, edit + "/files", Map.of("replace", "1"), v2);
    assertEquals(303, replaced.statusCode(), replaced.body());
    node.kill9();
    node.start();
    assertArrayEquals(v2, download(token, doc + "/files/1"), "the acknowledged version is current");
    assertArrayEquals(v1, download(token, doc + "/files/1/versions/1"), "the previous one is kept");
  }

  private static byte[] pdf(String label, int size) {
    byte[] head = ("%PDF-1.4\n% " + label + "\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = new byte[size];
    System.arraycopy(head, 0, b, 0, head.length);
    for (int i = head.length; i < size; i++) {
      b[i] = (byte) ('a' + (i * 31 + label.hashCode()) % 26);
    }
    return b;
  }

  private byte[] download(String token, String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(node.base + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  private HttpResponse<String> upload(String token, String path, Map<String, String> fields, byte[] file)
      throws Exception {
    String boundary = "----coordoCrash";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : new LinkedHashMap<>(fields).entrySet()) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
          + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"livret.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(node.base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", node.configFile().toString()));
    TestNodes.emptyConfigFile(tmp);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Cli(Commands.standard(), node.env(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
