package org.coordo.server.multiprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.coordo.federation.testkit.Await;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.storage.testkit.PgTestDatabase;

/**
 * One node run as two processes on a new test PostgreSQL database: {@code a} on a port of its own, {@code b} as
 * {@link TestNodes#secondProcess} (same public URL, its own data directory). Closing stops both and drops the
 * database.
 */
final class TwoProcesses implements AutoCloseable {
  /** A node on a new database creates its tables first: slow on a loaded machine. */
  static final Duration START = Duration.ofSeconds(120);

  final PgTestDatabase db;
  final Node a;
  final Node b;

  private TwoProcesses(PgTestDatabase db, Node a, Node b) {
    this.db = db;
    this.a = a;
    this.b = b;
  }

  static TwoProcesses start(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    PgTestDatabase db = PgTestDatabase.create();
    int portA = FederatedTestNode.freePort();
    Map<String, String> env = new HashMap<>(TestNodes.postgresql(db, dir.resolve("files")));
    env.put("COORDO_PUBLIC_URL", "http://127.0.0.1:" + portA);
    env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    Map<String, String> envA = new HashMap<>(env);
    envA.put("COORDO_PORT", Integer.toString(portA));
    Node a = null;
    try {
      a = Await.result(Node.start(TestNodes.config(dir.resolve("a"), envA), TestNodes.options(false)), START);
      Node b = Await.result(Node.start(TestNodes.secondProcess(dir.resolve("b"), env), TestNodes.options(false)),
          START);
      return new TwoProcesses(db, a, b);
    } catch (RuntimeException e) {
      if (a != null) {
        Await.result(a.stop());
      }
      db.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      Await.result(b.stop());
      Await.result(a.stop());
    } finally {
      db.close();
    }
  }
}
