package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.coordo.federation.actor.ActorDocuments;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.collection.CollectionSource;
import org.coordo.federation.delivery.DeliveryPolicy;
import org.coordo.federation.delivery.DeliveryWorker;
import org.coordo.federation.fetch.RemoteFetcher;
import org.coordo.federation.fetch.WebFingerClient;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.follow.FollowingService;
import org.coordo.federation.host.HostProfiles;
import org.coordo.federation.http.AuthorizedFetch;
import org.coordo.federation.inbox.InboxListeners;
import org.coordo.federation.inbox.InboxProcessor;
import org.coordo.federation.outbox.Publisher;
import org.coordo.federation.remote.RemoteActors;
import org.coordo.federation.sig.KeyResolver;
import org.coordo.federation.spi.ActorExtension;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.spi.InboxPolicy;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.spi.UsageProvider;
import org.coordo.storage.CacheEvents;
import org.coordo.storage.KvStore;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.QueueFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol layer of a node (Fedify-style, declarative). Build it, hand its {@link #context()}
 * to the server's services and listeners, register those listeners, then start it:
 *
 * <pre>
 * Federation federation = Federation.builder(vertx, store, config)
 *     .usageProvider(...).objectDispatcher(...).inboxPolicy(...)
 *     .build();                                   // components wired, nothing running
 * FederationContext fed = federation.context();   // the port the server uses
 * federation.on("Create", listenerBuiltOn(fed));  // every listener, before start
 * federation.mount(router);                       // before the server's own page routes
 * federation.start();                             // instance actor, delivery, inbox replay
 * </pre>
 *
 * The components are wired in {@link FederationParts}. The store must have been opened with
 * {@link FederationKeyspaces#ALL}.
 */
public final class Federation {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

  private final FederationParts parts;
  private final FederationContext context;
  private final Internals internals;
  private volatile boolean started;

  private Federation(FederationParts parts) {
    this.parts = parts;
    this.context = new FederationPort(parts);
    this.internals = new Internals(parts);
  }

  public static Builder builder(Vertx vertx, KvStore store, FederationConfig config) {
    return new Builder(vertx, store, config);
  }

  /** The port the server's services, listeners and pages use. Available as soon as built. */
  public FederationContext context() {
    return context;
  }

  /**
   * Registers a listener for inbound activities of a type. Only before {@link #start()}: inbox
   * entries a crash left pending are replayed at start, and must meet every listener.
   *
   * @throws IllegalStateException once started
   */
  public Federation on(String type, InboxListener listener) {
    if (started) {
      throw new IllegalStateException("listeners are registered before Federation.start()");
    }
    parts.listeners.on(type, listener);
    return this;
  }

  /**
   * Ensures the instance actor (and loads its key for signed fetches), starts the delivery worker,
   * then replays inbox entries a crash left unprocessed (every listener is in place by now) and
   * starts the inbox housekeeping (periodic retry of failed entries, daily pruning).
   */
  public Future<Void> start() {
    started = true;
    return parts.instanceSigner.load(parts.actors)
        .compose(v -> parts.worker.executeBlocking(() -> {
          parts.hostProfiles.load();
          return null;
        }, false))
        .compose(v -> parts.delivery.start())
        .compose(v -> parts.inboxProcessor.replayPending())
        .map(replayed -> {
          if (replayed > 0) {
            LOG.info("replayed {} pending inbox entries", replayed);
          }
          parts.housekeeping.start();
          return null;
        });
  }

  /** Stops the delivery worker and HTTP clients; closes the worker executor if the facade created it. */
  public Future<Void> stop() {
    parts.housekeeping.stop();
    return parts.delivery.stop()
        .eventually(() -> {
          parts.inboxHandler.close();
          parts.inboxProcessor.close();
          parts.deliverySender.close();
          parts.fetcher.close();
          return parts.ownsWorker ? parts.worker.close() : Future.succeededFuture();
        });
  }

  /** Mounts every protocol route; mount before the server's own page routes. */
  public void mount(Router router) {
    parts.routes.mount(router);
  }

  /** A minimal HTML page for {@code GET /actors/:name}, for a server without its own: mount it last. */
  public Handler<RoutingContext> htmlFallbackHandler() {
    return parts.htmlFallback;
  }

  public FederationConfig config() {
    return parts.config;
  }

  /**
   * The components themselves, for this module's own tests, its test kit and the benchmarks. The
   * server never uses them: it has {@link #context()} (an architecture test holds it to that).
   */
  public Internals internals() {
    return internals;
  }

  /** The built components (see {@link #internals()}). */
  public static final class Internals {
    private final FederationParts parts;

    private Internals(FederationParts parts) {
      this.parts = parts;
    }

    public LocalActors actors() {
      return parts.actors;
    }

    public ActorDocuments documents() {
      return parts.documents;
    }

    public Publisher publisher() {
      return parts.publisher;
    }

    public FollowingService following() {
      return parts.following;
    }

    /** Follow relations in both directions (synchronous repository: use {@link #worker()}). */
    public FollowRepository follows() {
      return parts.follows;
    }

    public DeliveryWorker delivery() {
      return parts.delivery;
    }

    public HostProfiles hostProfiles() {
      return parts.hostProfiles;
    }

    public RemoteActors remoteActors() {
      return parts.remoteActors;
    }

    public AuthorizedFetch authorizedFetch() {
      return parts.authorizedFetch;
    }

    public InboxProcessor inbox() {
      return parts.inboxProcessor;
    }

    public WebFingerClient webFinger() {
      return parts.webFingerClient;
    }

    public RemoteFetcher fetcher() {
      return parts.fetcher;
    }

    /** The listener registry (a test may add recorders to a running node). */
    public InboxListeners listeners() {
      return parts.listeners;
    }

    public Uris uris() {
      return parts.uris;
    }

    public WorkerExecutor worker() {
      return parts.worker;
    }

    public Future<Follower> approveFollower(String localName, java.net.URI remoteActor) {
      return parts.followEffects.approve(localName, remoteActor);
    }

    public Future<Follower> rejectFollower(String localName, java.net.URI remoteActor) {
      return parts.followEffects.reject(localName, remoteActor);
    }
  }

  /** Collects the node's parts; everything but vertx, store and config is optional. */
  public static final class Builder {
    final Vertx vertx;
    final KvStore store;
    final FederationConfig config;
    Clock clock = Clock.systemUTC();
    WorkerExecutor worker;
    final List<ObjectDispatcher> objectDispatchers = new ArrayList<>();
    UsageProvider usageProvider;
    CollectionSource featured;
    ActorExtension actorExtension = ActorExtension.NONE;
    KeyResolver remoteKeys;
    InboxPolicy inboxPolicy;
    DeliveryPolicy deliveryPolicy;
    BodyBudget bodyBudget;
    boolean fastDelivery;
    QueueFactory queues = QueueFactory.singleProcess();
    boolean sharedStore;
    CacheEvents cacheEvents = CacheEvents.NONE;
    LiveProcesses liveProcesses = LiveProcesses.ONE;
    final InboxListeners listeners = new InboxListeners();

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

    /**
     * Serves the server's own objects by id (its path templates): the ActivityStreams form here,
     * any other request on to the server's page route for the same path.
     */
    public Builder objectDispatcher(ObjectDispatcher dispatcher) {
      this.objectDispatchers.add(Objects.requireNonNull(dispatcher, "dispatcher"));
      return this;
    }

    /** NodeInfo usage counts; by default local Person actors and 0 posts. */
    public Builder usageProvider(UsageProvider provider) {
      this.usageProvider = provider;
      return this;
    }

    /** The server's additions to its actors' documents (e.g. {@code upcomingEvents}); none by default. */
    public Builder actorExtension(ActorExtension extension) {
      this.actorExtension = Objects.requireNonNull(extension, "extension");
      return this;
    }

    /** Items of each actor's {@code featured} collection; empty by default. */
    public Builder featured(CollectionSource source) {
      this.featured = source;
      return this;
    }

    /** Resolver for other nodes' keys; by default the remote actor cache (local keys come from the store). */
    public Builder remoteKeys(KeyResolver resolver) {
      this.remoteKeys = resolver;
      return this;
    }

    /** Who may deliver to this node (blocked domains and actors); by default everyone. */
    public Builder inboxPolicy(InboxPolicy policy) {
      this.inboxPolicy = policy;
      return this;
    }

    /** Delivery timings and limits; by default {@link DeliveryPolicy#defaults}. */
    public Builder deliveryPolicy(DeliveryPolicy policy) {
      this.deliveryPolicy = policy;
      return this;
    }

    /**
     * Where the delivery queue lives and whose leases it takes: by default one process per store ({@link
     * QueueFactory#singleProcess()}); a node whose processes share a database gives each process its own owner.
     */
    public Builder queues(QueueFactory factory) {
      this.queues = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Whether several processes of this node share the store (PostgreSQL): inbound activities are then claimed in
     * the store before they are persisted, so that one process persists each. False by default (RocksDB).
     */
    public Builder sharedStore(boolean shared) {
      this.sharedStore = shared;
      return this;
    }

    /** How this process tells the node's other processes that a cached actor changed; none by default. */
    public Builder cacheEvents(CacheEvents events) {
      this.cacheEvents = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * How many processes of this node run now on its store, among which the per-host delivery limit is divided
     * ({@link DeliveryPolicy#perHostShare}); one by default (RocksDB).
     */
    public Builder liveProcesses(LiveProcesses processes) {
      this.liveProcesses = Objects.requireNonNull(processes, "processes");
      return this;
    }

    /** Short delivery poll and retry delays (tests, a demo on loopback) instead of the defaults. */
    public Builder fastDelivery(boolean fast) {
      this.fastDelivery = fast;
      return this;
    }

    /**
     * The node's memory budget of request bodies in flight, shared with the server's other routes;
     * by default one of {@link BodyBudget#DEFAULT_CAPACITY} for the inbox alone.
     */
    public Builder bodyBudget(BodyBudget budget) {
      this.bodyBudget = budget;
      return this;
    }

    /** Registers a listener for inbound activities of a type ({@code Create}, {@code Announce}, …). */
    public Builder on(String type, InboxListener listener) {
      listeners.on(type, listener);
      return this;
    }

    /** Builds every component; nothing runs until {@link Federation#start()}. */
    public Federation build() {
      return new Federation(new FederationParts(this));
    }
  }
}
