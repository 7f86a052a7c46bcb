package org.coordo.federation.inbox;

import org.coordo.federation.spi.InboxPolicy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.ActorType;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.BodyBudget;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.fetch.FetchOptions;
import org.coordo.federation.fetch.RemoteFetcher;
import org.coordo.federation.fetch.UrlGuard;
import org.coordo.federation.remote.DocumentFetcher;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.TestKeys;
import org.coordo.federation.remote.RemoteActorRepository;
import org.coordo.federation.remote.RemoteActors;
import org.coordo.federation.sig.InboundVerifier;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * A node's inbox wired as the facade wires it — RocksDB in a temp dir, real HTTP on 127.0.0.1:0, a
 * vertx-web router — with a recording {@link ActivitySender} instead of the outbox, and the production
 * document fetcher ({@link DocumentFetcher#of}, loopback allowed).
 */
final class InboxFixture implements AutoCloseable {
  record Response(int status, JsonObject body, io.vertx.core.MultiMap headers) {}

  final Vertx vertx;
  final MutableClock clock = new MutableClock(java.time.Instant.now());
  final WorkerExecutor worker;
  final RocksKvStore store;
  final HttpServer server;
  final String base;
  final Uris uris;
  final FederationConfig config;
  final WebClient client;
  final LocalActors localActors;
  final FollowRepository follows;
  final RemoteActorRepository remoteRepository;
  final RemoteActors remoteActors;
  final InboxSeen seen;
  final InboxLog log;
  final InboxListeners listeners = new InboxListeners();
  final List<JsonObject> sent = new CopyOnWriteArrayList<>();
  final InboxPolicy[] policy = {InboxPolicy.ALLOW_ALL};
  final InboxProcessor processor;
  final InboxHandler handler;
  final BodyBudget budget;

  InboxFixture(Vertx vertx, Path dir, long maxBodyBytes) {
    this(vertx, dir, maxBodyBytes, new BodyBudget(BodyBudget.DEFAULT_CAPACITY));
  }

  InboxFixture(Vertx vertx, Path dir, long maxBodyBytes, BodyBudget budget) {
    this.vertx = vertx;
    this.budget = budget;
    this.worker = vertx.createSharedWorkerExecutor("inbox-test-" + System.nanoTime());
    this.store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    Router router = Router.router(vertx);
    AtomicReference<InboxHandler> ref = new AtomicReference<>();
    router.post("/inbox").handler(ctx -> ref.get().handle(ctx.request(), null));
    router.post("/actors/:name/inbox").handler(ctx -> ref.get().handle(ctx.request(), ctx.pathParam("name")));
    // As mounted behind the node's global BodyHandler (the body is read before the inbox sees it).
    router.post("/behind-body-handler/inbox")
        .handler(io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(10 << 20))
        .handler(ctx -> ref.get().handle(ctx.request(), null, ctx.body().available() ? ctx.body().buffer() : null));
    this.server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    this.base = "http://127.0.0.1:" + server.actualPort();
    FederationConfig tests = FederationConfig.forTests(URI.create(base));
    this.config = new FederationConfig(tests.publicUrl(), true, false, maxBodyBytes, Duration.ofHours(1),
        tests.softwareVersion(), tests.nodeName(), tests.nodeMetadata());
    this.uris = new Uris(config.publicUrl());
    this.client = WebClient.create(vertx);
    this.localActors = new LocalActors(new LocalActorRepository(store), worker, clock);
    this.follows = new FollowRepository(store);
    this.remoteRepository = new RemoteActorRepository(store);
    this.remoteFetcher = new RemoteFetcher(vertx, new UrlGuard(worker, true),
        new CavageSigner(uris.instanceActorKey().toString(), TestKeys.ALICE.getPrivate(), clock), worker,
        FetchOptions.DEFAULTS, "Coordo-test");
    this.documents = DocumentFetcher.of(remoteFetcher);
    this.remoteActors = new RemoteActors(remoteRepository, this::fetch, worker, clock, uris);
    this.seen = new InboxSeen(store);
    this.log = new InboxLog(store);
    this.processor = newProcessor(listeners);
    InboundVerifier verifier = new InboundVerifier(remoteActors, new SignatureVerifier(clock, config.signatureWindow()), worker);
    InboxPolicy delegating = new InboxPolicy() {
      @Override
      public boolean blocksDomain(String host) {
        return policy[0].blocksDomain(host);
      }

      @Override
      public boolean blocksActor(URI actorId) {
        return policy[0].blocksActor(actorId);
      }
    };
    this.handler = new InboxHandler(config, clock, worker, store, localActors, verifier, this::fetch, delegating, seen,
        log, processor, new TimeSortableIds(clock), budget, false);
    ref.set(handler);
  }

  /** A fresh processor on the same store (as after a restart). */
  InboxProcessor newProcessor(InboxListeners with) {
    FollowEffects effects = new FollowEffects(follows, remoteActors, localActors, this::send, worker, clock, uris);
    InboxProcessor created = new InboxProcessor(store, worker, clock, uris, log, seen, follows, remoteActors,
        localActors, effects, with);
    processors.add(created);
    return created;
  }

  private final java.util.List<InboxProcessor> processors = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Future<URI> send(String localName, JsonObject activity) {
    sent.add(activity.copy().put("actor", uris.actor(localName).toString()));
    return Future.succeededFuture(uris.activity("sent-" + sent.size()));
  }

  /** The production fetch path (guarded, signed, redirects followed, id checked), loopback allowed. */
  private Future<DocumentFetcher.Fetched> fetch(URI url) {
    return documents.fetch(url);
  }

  private final RemoteFetcher remoteFetcher;
  private final DocumentFetcher documents;

  void createLocal(String name, boolean manuallyApproves) {
    Await.result(localActors.create(name, ActorType.Group, name, "", manuallyApproves));
  }

  /** Signs with the signer and POSTs to {@code path} with content type activity+json. */
  Response post(String path, JsonObject activity, RequestSigner signer) {
    return post(path, activity.encode().getBytes(StandardCharsets.UTF_8), "application/activity+json", signer, Map.of());
  }

  Response post(String path, byte[] body, String contentType, RequestSigner signer, Map<String, String> override) {
    URI target = URI.create(base + path);
    var request = client.postAbs(target.toString()).putHeader("Content-Type", contentType);
    if (signer != null) {
      signer.sign("POST", target, body).forEach((k, v) -> {
        if (!k.equalsIgnoreCase("host")) {
          request.putHeader(k, v);
        }
      });
    }
    override.forEach(request::putHeader);
    HttpResponse<Buffer> resp = Await.result(request.sendBuffer(Buffer.buffer(body)));
    String text = resp.bodyAsString();
    return new Response(resp.statusCode(), text == null || text.isBlank() ? null : new JsonObject(text), resp.headers());
  }

  long seenCount() {
    return org.coordo.storage.testkit.TestStores.count(store, FederationKeyspaces.INBOX_SEEN);
  }

  long logCount() {
    return org.coordo.storage.testkit.TestStores.count(store, FederationKeyspaces.INBOX_LOG);
  }

  @Override
  public void close() {
    Await.result(server.close());
    client.close();
    remoteFetcher.close();
    handler.close();
    processors.forEach(InboxProcessor::close);
    Await.result(worker.close());
    store.close();
  }
}
