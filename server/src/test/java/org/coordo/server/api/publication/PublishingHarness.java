package org.coordo.server.api.publication;

import org.coordo.server.text.TextWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Authenticator;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.fedimpl.PublicationObjectDispatcher;
import org.coordo.server.service.publication.MediaService;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.service.publication.PublicationFederation;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.testkit.TestStores;

/**
 * Collective publishing on a real RocksDB store and a real HTTP server on 127.0.0.1:0, with the
 * accounts' real {@link AuthHandler} (bearer tokens mapped to fixed principals), a federation
 * stand-in that writes the caller's batch for real and records the activities it was given, and the
 * real {@link Federation} routes serving the objects' ActivityStreams form (never started: no delivery).
 */
final class PublishingHarness implements AutoCloseable {
  static final String EDITOR = "tok-editor";
  static final String MEMBER = "tok-member";
  static final String OUTSIDER = "tok-outsider";
  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  final Vertx vertx = Vertx.vertx();
  final KvStore store;
  final WorkerExecutor worker;
  final MutableClock clock = new MutableClock(START);
  final List<JsonObject> sent = new CopyOnWriteArrayList<>();
  final Publishing publishing;
  final Federation protocol;
  final PublicationRoutes routes;
  final WebClient client;
  final HttpServer server;
  final String base;

  PublishingHarness(Path dir, long maxMediaBytes) throws Exception {
    store = TestStores.openRocks(dir.resolve("db"), java.util.stream.Stream.concat(
        FederationKeyspaces.ALL.stream(), PublicationKeyspaces.ALL.stream()).toArray(String[]::new));
    worker = vertx.createSharedWorkerExecutor("test-publication");
    StoreCalls calls = new StoreCalls() {
      @Override
      public <T> Future<T> call(Function<KvStore, T> work) {
        return worker.executeBlocking(() -> work.apply(store), false);
      }
    };
    PublicationFederation federation = this::record;
    server = vertx.createHttpServer();
    Router router = Router.router(vertx);
    // What the node does around its modules: a global body limit, its one JSON failure handler.
    router.route().handler(BodyHandler.create(false).setBodyLimit(2 * 1024 * 1024));
    router.route().failureHandler(new ErrorResponses(2 * 1024 * 1024));
    // Port first, so that public URLs name the real address.
    int port = await(server.requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    base = "http://127.0.0.1:" + port;
    publishing = new Publishing(store, calls, federation, new Uris(URI.create(base)), clock,
        new TimeSortableIds(clock), dir.resolve("media"), maxMediaBytes, TextWork.inline());
    // The object ids' ActivityStreams form is federation's, through the node's object dispatcher.
    protocol = Federation.builder(vertx, store, FederationConfig.forTests(URI.create(base)))
        .objectDispatcher(new PublicationObjectDispatcher(calls, publishing.publications, publishing.as))
        .build();
    protocol.mount(router);
    routes = new PublicationRoutes(publishing, new AuthHandler(new TokenAuthenticator()), dir.resolve("uploads"));
    routes.mount(router);
    client = WebClient.create(vertx);
  }

  PublishingHarness(Path dir) throws Exception {
    this(dir, MediaService.DEFAULT_MAX_BYTES);
  }

  private Future<List<URI>> record(String actor, List<JsonObject> activities, Consumer<KvBatch> alsoWrite) {
    return worker.executeBlocking(() -> {
      try (KvBatch batch = store.newBatch()) {
        alsoWrite.accept(batch);
        store.write(batch, Durability.SYNC);
      }
      for (JsonObject activity : activities) {
        sent.add(activity.copy().put("actor", "actor:" + actor));
      }
      return activities.stream().map(a -> URI.create(a.getString("id"))).toList();
    }, false);
  }

  List<String> sentTypes() {
    return sent.stream().map(a -> a.getString("type")).toList();
  }

  HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> r = client.requestAbs(method, base + path);
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return r;
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> r = request(method, path, token);
    return await(body == null ? r.send() : r.sendJsonObject(body));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    await(server.close());
    await(protocol.stop());
    await(vertx.close());
    store.close();
  }

  /** Bearer tokens for an editor (alice), a member (bob) and an outsider (carol) of "grenoble". */
  static final class TokenAuthenticator implements Authenticator {
    private static final Map<String, Principal> TOKENS = Map.of(
        EDITOR, new Principal("u1", "alice", false, Map.of("grenoble", Role.EDITOR)),
        MEMBER, new Principal("u2", "bob", false, Map.of("grenoble", Role.MEMBER)),
        OUTSIDER, new Principal("u3", "carol", false, Map.of("lyon", Role.EDITOR)));

    @Override
    public Future<Optional<Principal>> bySessionToken(String token) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public Future<Optional<Principal>> byBearerToken(String token) {
      return Future.succeededFuture(Optional.ofNullable(TOKENS.get(token)));
    }
  }
}
