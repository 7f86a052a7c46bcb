package org.coordo.server.fedimpl;

import org.coordo.server.text.TextWork;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.publication.BlockRepository;
import org.coordo.server.data.publication.PublicationRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.ActorType;
import org.coordo.federation.delivery.DeliveryPolicy;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.server.api.publication.PublicationRoutes;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Authenticator;
import org.coordo.server.auth.Principal;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.service.publication.MediaService;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * A real node for publishing tests: RocksDB in the test's directory, HTTP on 127.0.0.1 (free port),
 * federation built by its builder with publishing's hooks ({@link PublishingFederation}), the
 * publication routes and the accounts' {@link AuthHandler} with fixed bearer tokens. Blocking
 * methods: call them from the test thread.
 */
final class PublishingTestNode implements AutoCloseable {
  final Vertx vertx;
  final RocksKvStore store;
  final WorkerExecutor worker;
  final HttpServer server;
  final Federation federation;
  final Publishing publishing;
  final WebClient client;
  final URI url;
  private final Map<String, Principal> tokens;

  PublishingTestNode(Vertx vertx, Path dir, Map<String, Principal> tokens, Map<String, RecordingListener> recorders) {
    this.vertx = vertx;
    this.tokens = tokens;
    List<String> keyspaces = new ArrayList<>(FederationKeyspaces.ALL);
    keyspaces.addAll(PublicationKeyspaces.ALL);
    store = RocksKvStore.open(dir.resolve("db"), StoreOptions.of(1, keyspaces.toArray(String[]::new)));
    worker = vertx.createSharedWorkerExecutor("publishing-node-" + dir.getFileName());
    Router router = Router.router(vertx);
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    url = URI.create("http://127.0.0.1:" + server.actualPort());
    FederationConfig config = FederationConfig.forTests(url);
    StoreCalls calls = new StoreCalls() {
      @Override
      public <T> Future<T> call(Function<KvStore, T> work) {
        return worker.executeBlocking(() -> work.apply(store), false);
      }
    };
    Clock clock = Clock.systemUTC();
    org.coordo.federation.Uris uris = new org.coordo.federation.Uris(url);
    // the node's production path (NodeAssembly): federation built, publishing on its port, listeners before start
    federation = Federation.builder(vertx, store, config)
        .deliveryPolicy(DeliveryPolicy.forTests("Coordo-publishing-test/" + server.actualPort()))
        .inboxPolicy(new BlockInboxPolicy(new BlockRepository(store)))
        .objectDispatcher(new PublicationObjectDispatcher(calls, new PublicationRepository(store),
            new PublicationAsConverter(new PublicationUris(uris))))
        .build();
    publishing = new Publishing(store, calls, federation.context()::publishAll, uris, clock, new TimeSortableIds(clock),
        dir.resolve("media"), MediaService.DEFAULT_MAX_BYTES, org.coordo.server.text.TextWork.inline());
    ServerListeners.publishing(federation::on, publishing);
    recorders.forEach(federation::on);
    federation.mount(router);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(2 * 1024 * 1024));
    new PublicationRoutes(publishing, new AuthHandler(new Tokens()), dir.resolve("uploads")).mount(router);
    router.route().failureHandler(new ErrorResponses(2 * 1024 * 1024)); // the node's one failure handler, last
    Await.result(federation.start());
    client = WebClient.create(vertx);
  }

  void createActor(String name, ActorType type) {
    Await.result(federation.internals().actors().create(name, type, name, null, false));
  }

  String handle(String name) {
    return name + "@" + url.getHost() + ":" + url.getPort();
  }

  URI actorId(String name) {
    return URI.create(url + "/actors/" + name);
  }

  HttpResponse<Buffer> api(HttpMethod method, String path, String token, JsonObject body) {
    var request = client.requestAbs(method, url + path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }

  HttpResponse<Buffer> getActivityJson(String absoluteUrl) {
    return Await.result(client.getAbs(absoluteUrl).putHeader("Accept", "application/activity+json").send());
  }

  @Override
  public void close() {
    Await.result(federation.stop());
    Await.result(server.close());
    Await.result(worker.close());
    store.close();
  }

  private final class Tokens implements Authenticator {
    @Override
    public Future<Optional<Principal>> bySessionToken(String token) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public Future<Optional<Principal>> byBearerToken(String token) {
      return Future.succeededFuture(Optional.ofNullable(tokens.get(token)));
    }
  }
}
