package org.coordo.federation.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.testkit.Await;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * A node serving only the federation routes (plus the HTML fallback) on 127.0.0.1: the server
 * listens on port 0 first, then the Federation is built with the actual public URL and mounted on
 * the already-serving router.
 */
final class TestNodes {

  record Node(RocksKvStore store, HttpServer server, Federation federation, String base, Router router) {
    void close() {
      Await.result(federation.stop());
      Await.result(server.close());
      store.close();
    }
  }

  static Node start(Vertx vertx, Path dir, Function<URI, FederationConfig> config) {
    return start(vertx, dir, config, builder -> {});
  }

  /** A node whose federation builder is customised (dispatchers, providers) before it is built. */
  static Node start(Vertx vertx, Path dir, Function<URI, FederationConfig> config,
      Consumer<Federation.Builder> customize) {
    RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    Router router = Router.router(vertx);
    HttpServer server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    String base = "http://127.0.0.1:" + server.actualPort();
    Federation.Builder builder = Federation.builder(vertx, store, config.apply(URI.create(base)));
    customize.accept(builder);
    Federation federation = builder.build();
    federation.mount(router);
    router.get("/actors/:name").handler(federation.htmlFallbackHandler());
    Await.result(federation.start());
    return new Node(store, server, federation, base, router);
  }

  private TestNodes() {}
}
