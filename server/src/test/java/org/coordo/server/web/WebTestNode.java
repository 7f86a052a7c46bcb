package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;

/**
 * A real node for page tests, with everything a federating node runs ({@code
 * TestNodes.options(true)}: pages too): RocksDB under the test's directory, HTTP on 127.0.0.1 on a free port chosen first
 * (so that the public URL names it), cheap password hashing, fast delivery. A city node is seeded
 * with collective {@value #COLLECTIVE} and its editor {@value #EDITOR}.
 */
final class WebTestNode implements AutoCloseable {
  static final String COLLECTIVE = "grenoble";
  static final String EDITOR = "alice";
  static final String PASSWORD = "correct horse battery";

  final Node node;
  final String base;
  final int port;

  private WebTestNode(Path dir, String role) {
    this(dir, role, Map.of());
  }

  /** {@code extraEnv}: more configuration, e.g. {@code SmtpSink.nodeEnv()} for mail on. */
  private WebTestNode(Path dir, String role, Map<String, String> extraEnv) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = freePort();
    base = "http://127.0.0.1:" + port;
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.putAll(Map.of("COORDO_PORT", String.valueOf(port), "COORDO_PUBLIC_URL", base, "COORDO_ROLE", role,
        "COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true"));
    node = await(Node.start(TestNodes.config(dir, env), TestNodes.options(true)));
  }

  /** Starts a city node and seeds the collective and its editor. */
  static WebTestNode start(Path dir) {
    return start(dir, Map.of());
  }

  /** Starts a city node with more configuration ({@code sink.nodeEnv()}: mail on) and seeds it. */
  static WebTestNode start(Path dir, Map<String, String> extraEnv) {
    WebTestNode n = new WebTestNode(dir, "city", extraEnv);
    Accounts a = n.node.services().accounts();
    await(a.collectives().create(COLLECTIVE, "Collectif de Grenoble",
        "Assemblées, appels et rendez-vous **militants** du bassin grenoblois.", false));
    await(a.users().create(new UserService.NewUser(EDITOR, "Alice", PASSWORD), false,
        Map.of(COLLECTIVE, Role.EDITOR)));
    return n;
  }

  /** Starts a national node (its group follows nobody yet). */
  static WebTestNode national(Path dir) {
    return new WebTestNode(dir, "national");
  }

  /** Starts a national node with more configuration ({@code sink.nodeEnv()}: mail on). */
  static WebTestNode national(Path dir, Map<String, String> extraEnv) {
    return new WebTestNode(dir, "national", extraEnv);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    await(node.stop());
  }
}
