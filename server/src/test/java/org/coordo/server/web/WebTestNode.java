package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coordo.server.api.account.AccountModule;
import org.coordo.server.api.publication.PublicationModule;
import org.coordo.server.app.ControlModule;
import org.coordo.server.app.HealthModule;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.AccountsFixture;
import org.coordo.server.service.account.UserService;

/**
 * A real node for page tests: RocksDB under the test's directory, HTTP on 127.0.0.1 (a free port
 * chosen first, so that the public URL names it), federation, accounts (cheap hashing),
 * the pages and publishing. Seeded with collective {@value #COLLECTIVE} and its editor
 * {@value #EDITOR}.
 */
final class WebTestNode implements AutoCloseable {
  static final String COLLECTIVE = "grenoble";
  static final String EDITOR = "alice";
  static final String PASSWORD = "correct horse battery";

  final Node node;
  final AccountModule accounts;
  final PublicationModule publications;
  final TestFederationModule federation;
  final String base;

  private WebTestNode(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = freePort();
    base = "http://127.0.0.1:" + port;
    accounts = new AccountModule(AccountsFixture.CHEAP, ctx -> Future.succeededFuture(federationActors()));
    PublicationModule[] pubRef = new PublicationModule[1];
    federation = new TestFederationModule(() -> pubRef[0] == null ? null : pubRef[0].publishing());
    publications = new PublicationModule(ctx -> Future.succeededFuture(federation.federation()));
    pubRef[0] = publications;
    List<HttpModule> modules = List.of(new HealthModule(), new ControlModule(), federation, accounts,
        new WebModule(accounts::accounts, publications::publishing), publications);
    node = await(Node.start(TestNodes.config(dir, Map.of("COORDO_PORT", String.valueOf(port),
        "COORDO_PUBLIC_URL", base)), modules));
  }

  private org.coordo.federation.actor.LocalActors federationActors() {
    return federation.federation().actors();
  }

  /** Starts a node and seeds the collective and its editor. */
  static WebTestNode start(Path dir) {
    WebTestNode n = new WebTestNode(dir);
    Accounts a = n.accounts.accounts();
    await(a.collectives().create(COLLECTIVE, "Collectif de Grenoble",
        "Assemblées, appels et rendez-vous **militants** du bassin grenoblois.", false));
    await(a.users().create(new UserService.NewUser(EDITOR, "Alice", PASSWORD), false,
        Map.of(COLLECTIVE, Role.EDITOR)));
    return n;
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
