package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.coordo.federation.actor.ActorDocuments;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.actor.LocalKeyResolver;
import org.coordo.federation.collection.CollectionSource;
import org.coordo.federation.collection.StoredCollections;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.http.AuthorizedFetch;
import org.coordo.federation.http.FederationRoutes;
import org.coordo.federation.http.HtmlFallbackHandler;
import org.coordo.federation.inbox.InboxListeners;
import org.coordo.federation.nodeinfo.NodeInfo;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.outbox.OutboxRepository;
import org.coordo.federation.sig.InboundVerifier;
import org.coordo.federation.sig.KeyResolver;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.spi.ObjectProvider;
import org.coordo.federation.spi.UsageProvider;
import org.coordo.federation.webfinger.HostMeta;
import org.coordo.federation.webfinger.WebFinger;
import org.coordo.federation.webfinger.WebFingerHandler;
import org.coordo.storage.KvStore;

/**
 * The protocol layer of a node, wired in one place (Fedify-style, declarative):
 *
 * <pre>
 * Federation federation = Federation.builder(vertx, store, config)
 *     .usageProvider(...).objectProvider(...)
 *     .on("Create", listener).on("Announce", listener)
 *     .build();
 * federation.mount(router);          // before the server's own page routes
 * federation.start();                // instance actor, delivery worker, inbox replay
 * </pre>
 *
 * It only builds and connects the components; each does its own work. The store must have been
 * opened with {@link FederationKeyspaces#ALL}.
 */
public final class Federation {

  private final Vertx vertx;
  private final FederationConfig config;
  private final Uris uris;
  private final WorkerExecutor worker;
  private final boolean ownsWorker;
  private final LocalActors actors;
  private final ActorDocuments documents;
  private final InboxListeners listeners;
  private final ObjectProvider objectProvider;
  private final FollowRepository follows;
  private final FederationRoutes routes;
  private final HtmlFallbackHandler htmlFallback;

  private Federation(Builder b) {
    this.vertx = b.vertx;
    this.config = b.config;
    this.uris = new Uris(config.publicUrl());
    this.ownsWorker = b.worker == null;
    this.worker = ownsWorker ? vertx.createSharedWorkerExecutor("coordo-federation") : b.worker;
    this.listeners = b.listeners;
    this.objectProvider = b.objectProvider;
    KvStore store = b.store;

    this.documents = new ActorDocuments(uris);
    this.actors = new LocalActors(new LocalActorRepository(store), worker, b.clock);
    this.follows = new FollowRepository(store);
    ActivityRepository activityRepository = new ActivityRepository(store);
    OutboxRepository outboxRepository = new OutboxRepository(store);

    KeyResolver keys = new LocalKeyResolver(uris, actors, documents, b.remoteKeys);
    InboundVerifier verifier =
        new InboundVerifier(keys, new SignatureVerifier(b.clock, config.signatureWindow()), worker);
    UsageProvider usage = b.usageProvider != null ? b.usageProvider : NodeInfo.defaultUsage(actors);

    this.routes = new FederationRoutes(
        uris,
        actors,
        documents,
        new WebFingerHandler(new WebFinger(config, uris, actors, documents)),
        new NodeInfo(config, uris, usage),
        new HostMeta(uris),
        new FederationRoutes.Collections(
            StoredCollections.outbox(outboxRepository, activityRepository, worker),
            StoredCollections.followers(follows, worker),
            StoredCollections.following(follows, worker),
            b.featured != null ? b.featured : CollectionSource.empty()),
        id -> worker.executeBlocking(() -> activityRepository.find(id), false),
        b.inboxHandler,
        new AuthorizedFetch(config.authorizedFetch(), verifier, config.publicUrl()));
    this.htmlFallback = new HtmlFallbackHandler(actors, config);
  }

  public static Builder builder(Vertx vertx, KvStore store, FederationConfig config) {
    return new Builder(vertx, store, config);
  }

  /** Ensures the instance actor exists (and starts the background parts wired here). */
  public Future<Void> start() {
    return actors.ensureInstanceActor().mapEmpty();
  }

  /** Stops the background parts; closes the worker executor if the facade created it. */
  public Future<Void> stop() {
    return ownsWorker ? worker.close() : Future.succeededFuture();
  }

  /** Mounts every protocol route; mount before the server's own page routes. */
  public void mount(Router router) {
    routes.mount(router);
  }

  /** A minimal HTML page for {@code GET /actors/:name}, for a server without its own: mount it last. */
  public Handler<RoutingContext> htmlFallbackHandler() {
    return htmlFallback;
  }

  public LocalActors actors() {
    return actors;
  }

  public ActorDocuments documents() {
    return documents;
  }

  public FollowRepository follows() {
    return follows;
  }

  public InboxListeners listeners() {
    return listeners;
  }

  public Optional<ObjectProvider> objectProvider() {
    return Optional.ofNullable(objectProvider);
  }

  public Uris uris() {
    return uris;
  }

  public FederationConfig config() {
    return config;
  }

  public WorkerExecutor worker() {
    return worker;
  }

  /** Collects the node's parts; everything but vertx, store and config is optional. */
  public static final class Builder {
    private final Vertx vertx;
    private final KvStore store;
    private final FederationConfig config;
    private Clock clock = Clock.systemUTC();
    private WorkerExecutor worker;
    private ObjectProvider objectProvider;
    private UsageProvider usageProvider;
    private CollectionSource featured;
    private KeyResolver remoteKeys;
    private Handler<RoutingContext> inboxHandler;
    private final InboxListeners listeners = new InboxListeners();

    private Builder(Vertx vertx, KvStore store, FederationConfig config) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
      this.store = Objects.requireNonNull(store, "store");
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The worker executor for blocking work; by default the facade creates "coordo-federation". */
    public Builder worker(WorkerExecutor worker) {
      this.worker = worker;
      return this;
    }

    public Builder objectProvider(ObjectProvider provider) {
      this.objectProvider = provider;
      return this;
    }

    /** NodeInfo usage counts; by default local Person actors and 0 posts. */
    public Builder usageProvider(UsageProvider provider) {
      this.usageProvider = provider;
      return this;
    }

    /** Items of each actor's {@code featured} collection; empty by default. */
    public Builder featured(CollectionSource source) {
      this.featured = source;
      return this;
    }

    /** Resolver for other nodes' keys (local keys are always resolved from the store). */
    public Builder remoteKeys(KeyResolver resolver) {
      this.remoteKeys = resolver;
      return this;
    }

    /** The inbox POST handler, until the inbox pipeline is wired here. */
    public Builder inboxHandler(Handler<RoutingContext> handler) {
      this.inboxHandler = handler;
      return this;
    }

    /** Registers a listener for inbound activities of a type ({@code Create}, {@code Announce}, …). */
    public Builder on(String type, InboxListener listener) {
      listeners.on(type, listener);
      return this;
    }

    public Federation build() {
      return new Federation(this);
    }
  }
}
