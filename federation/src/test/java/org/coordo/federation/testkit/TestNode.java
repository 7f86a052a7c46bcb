package org.coordo.federation.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.delivery.DeliveryPolicy;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;

/**
 * A real node for multi-node tests: RocksDB in a directory of the test's, HTTP on 127.0.0.1 (a free
 * port, kept across restarts), the {@link Federation} built by its builder with {@link
 * FederationConfig#forTests} and short delivery timings, every protocol route mounted. It can be
 * stopped and restarted on the same port and data directory. Blocking methods: call them from the
 * test thread.
 *
 * <pre>
 * TestNode a = TestNode.start(vertx, dirA);
 * LocalActor lyon = a.createActor("lyon", ActorType.Group, false);
 * RecordingListener creates = a.record("Create");
 * </pre>
 */
public final class TestNode implements AutoCloseable {
  private final Vertx vertx;
  private final Path dataDir;
  private final Consumer<Federation.Builder> customize;
  private final List<String> extraKeyspaces;
  private final Map<String, List<RecordingListener>> listeners = new LinkedHashMap<>();
  private int port;
  private RocksKvStore store;
  private HttpServer server;
  private Router router;
  private Federation federation;

  private TestNode(
      Vertx vertx, Path dataDir, int port, List<String> extraKeyspaces, Consumer<Federation.Builder> customize) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.port = port;
    this.extraKeyspaces = List.copyOf(extraKeyspaces);
    this.customize = customize;
  }

  /** A node on a free port with default test settings. */
  public static TestNode start(Vertx vertx, Path dataDir) {
    return start(vertx, dataDir, 0, b -> {});
  }

  /**
   * A node on {@code port} (0: a free one), with the builder customised (listeners, providers) after
   * the test defaults were applied.
   */
  public static TestNode start(Vertx vertx, Path dataDir, int port, Consumer<Federation.Builder> customize) {
    return start(vertx, dataDir, port, List.of(), customize);
  }

  /**
   * Like {@link #start(Vertx, Path, int, Consumer)}, with more keyspaces opened in the same store
   * (a server module's own tables next to the federation's).
   */
  public static TestNode start(
      Vertx vertx, Path dataDir, int port, List<String> extraKeyspaces, Consumer<Federation.Builder> customize) {
    TestNode node = new TestNode(vertx, dataDir, port, extraKeyspaces, customize);
    node.up();
    return node;
  }

  private void up() {
    List<String> keyspaces = new ArrayList<>(FederationKeyspaces.ALL);
    keyspaces.addAll(extraKeyspaces);
    store = TestStores.openRocks(dataDir, StoreOptions.of(1, keyspaces.toArray(String[]::new)));
    router = Router.router(vertx);
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
    port = server.actualPort();
    FederationConfig config = FederationConfig.forTests(URI.create("http://127.0.0.1:" + port));
    Federation.Builder builder = Federation.builder(vertx, store, config)
        .deliveryPolicy(DeliveryPolicy.forTests("Coordo-test/" + port));
    customize.accept(builder);
    listeners.forEach((type, recorders) -> recorders.forEach(r -> builder.on(type, r)));
    federation = builder.build();
    federation.mount(router);
    Await.result(federation.start());
  }

  /** Stops HTTP, the federation (delivery worker included) and closes the store. Idempotent. */
  public void stop() {
    if (federation != null) {
      Await.result(federation.stop());
      federation = null;
    }
    if (server != null) {
      Await.result(server.close());
      server = null;
      router = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** Starts again on the same port and data directory (stopping first if needed). */
  public void restart() {
    stop();
    up();
  }

  public boolean running() {
    return federation != null;
  }

  /** Creates a local actor (blocking). */
  public LocalActor createActor(String name, ActorType type, boolean manuallyApprovesFollowers) {
    return Await.result(federation.internals().actors().create(name, type, name, null, manuallyApprovesFollowers));
  }

  /** Registers (and keeps across restarts) a listener that records inbound activities of a type. */
  public RecordingListener record(String type) {
    RecordingListener recorder = new RecordingListener();
    listeners.computeIfAbsent(type, t -> new ArrayList<>()).add(recorder);
    if (federation != null) {
      federation.internals().listeners().on(type, recorder);
    }
    return recorder;
  }

  public Federation federation() {
    if (federation == null) {
      throw new IllegalStateException("the node is stopped");
    }
    return federation;
  }

  public KvStore store() {
    return store;
  }

  /** The node's router, the protocol routes already mounted: add a server's own routes after them. */
  public Router router() {
    if (router == null) {
      throw new IllegalStateException("the node is stopped");
    }
    return router;
  }

  public Uris uris() {
    return federation().internals().uris();
  }

  public int port() {
    return port;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** {@code 127.0.0.1:port}, as in handles ({@code @name@127.0.0.1:port}). */
  public String authority() {
    return "127.0.0.1:" + port;
  }

  /** {@code @name@127.0.0.1:port}. */
  public String handle(String name) {
    return "@" + name + "@" + authority();
  }

  public URI actorId(String name) {
    return URI.create(url() + "/actors/" + name);
  }

  @Override
  public void close() {
    stop();
  }
}
