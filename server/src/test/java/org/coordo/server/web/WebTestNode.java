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
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = freePort();
    base = "http://127.0.0.1:" + port;
    node = await(Node.start(TestNodes.config(dir, Map.of("COORDO_PORT", String.valueOf(port),
        "COORDO_PUBLIC_URL", base, "COORDO_ROLE", role, "COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true")),
        TestNodes.options(true)));
  }

  /** Starts a city node and seeds the collective and its editor. */
  static WebTestNode start(Path dir) {
    WebTestNode n = new WebTestNode(dir, "city");
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
