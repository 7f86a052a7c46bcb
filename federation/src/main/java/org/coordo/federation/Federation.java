package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.coordo.federation.actor.ActorDocuments;
import org.coordo.federation.actor.InstanceActorSigner;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.actor.LocalKeyResolver;
import org.coordo.federation.collection.CollectionSource;
import org.coordo.federation.collection.StoredCollections;
import org.coordo.federation.delivery.DeliveryPolicy;
import org.coordo.federation.delivery.DeliverySender;
import org.coordo.federation.delivery.DeliveryWorker;
import org.coordo.federation.delivery.HostHealth;
import org.coordo.federation.delivery.InboxGuard;
import org.coordo.federation.fetch.FetchOptions;
import org.coordo.federation.fetch.RemoteFetcher;
import org.coordo.federation.host.HostProfiles;
import org.coordo.federation.host.SoftwareLookup;
import org.coordo.federation.sig.SignatureKnock;
import io.vertx.core.http.HttpClientOptions;
import org.coordo.federation.fetch.UrlGuard;
import org.coordo.federation.fetch.WebFingerClient;
import org.coordo.federation.follow.FollowCompatibility;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.follow.FollowingService;
import org.coordo.federation.http.AuthorizedFetch;
import org.coordo.federation.http.FederationRoutes;
import org.coordo.federation.http.HtmlFallbackHandler;
import org.coordo.federation.inbox.FollowEffects;
import org.coordo.federation.inbox.InboxHandler;
import org.coordo.federation.inbox.InboxHousekeeping;
import org.coordo.federation.inbox.InboxListeners;
import org.coordo.federation.inbox.InboxLog;
import org.coordo.federation.spi.InboxPolicy;
import org.coordo.federation.inbox.InboxProcessor;
import org.coordo.federation.inbox.InboxSeen;
import org.coordo.federation.nodeinfo.NodeInfo;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.outbox.OutboxRepository;
import org.coordo.federation.outbox.Publisher;
import org.coordo.federation.outbox.RecipientResolver;
import org.coordo.federation.remote.DocumentFetcher;
import org.coordo.federation.remote.RemoteActorRepository;
import org.coordo.federation.remote.RemoteActors;
import org.coordo.federation.sig.InboundVerifier;
import org.coordo.federation.sig.KeyResolver;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.spi.ActorExtension;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.spi.UsageProvider;
import org.coordo.federation.webfinger.HostMeta;
import org.coordo.federation.webfinger.WebFinger;
import org.coordo.federation.webfinger.WebFingerHandler;
import org.coordo.storage.KvStore;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.queue.KvDurableQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol layer of a node, wired in one place (Fedify-style, declarative):
 *
 * <pre>
 * Federation federation = Federation.builder(vertx, store, config)
 *     .usageProvider(...).objectDispatcher(...).inboxPolicy(...)
 *     .on("Create", listener).on("Announce", listener)
 *     .build();
 * federation.mount(router);          // before the server's own page routes
 * federation.start();                // instance actor, delivery worker, inbox replay
 * federation.publisher().publish("grenoble", activity);
 * </pre>
 *
 * It only builds and connects the components; each does its own work. The store must have been
 * opened with {@link FederationKeyspaces#ALL}.
 */
public final class Federation {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

  private final FederationConfig config;
  private final Uris uris;
  private final WorkerExecutor worker;
  private final boolean ownsWorker;
  private final LocalActors actors;
  private final ActorDocuments documents;
  private final InstanceActorSigner instanceSigner;
  private final InboxListeners listeners;
  private final FollowRepository follows;
  private final RemoteActors remoteActors;
  private final RemoteFetcher fetcher;
  private final WebFingerClient webFingerClient;
  private final Publisher publisher;
  private final DeliverySender deliverySender;
  private final DeliveryWorker delivery;
  private final FollowingService following;
  private final FollowEffects followEffects;
  private final InboxProcessor inboxProcessor;
  private final InboxHousekeeping housekeeping;
  private final InboxHandler inboxHandler;
  private final FederationRoutes routes;
  private final AuthorizedFetch authorizedFetch;
  private final HtmlFallbackHandler htmlFallback;
  private final HostProfiles hostProfiles;

  private Federation(Builder b) {
    Vertx vertx = b.vertx;
    KvStore store = b.store;
    Clock clock = b.clock;
    this.config = b.config;
    this.uris = new Uris(config.publicUrl());
    this.ownsWorker = b.worker == null;
    this.worker = ownsWorker ? vertx.createSharedWorkerExecutor("coordo-federation") : b.worker;
    this.listeners = b.listeners;
    Supplier<String> ids = new TimeSortableIds(clock);
    String userAgent = RemoteFetcher.userAgent(config.softwareVersion(), config.publicUrl());

    // Local actors and their documents.
    this.documents = new ActorDocuments(uris, b.actorExtension);
    this.actors = new LocalActors(new LocalActorRepository(store), worker, clock);
    this.instanceSigner = new InstanceActorSigner(uris, clock);

    // Remote fetches (signed by the instance actor, guarded) and remote actors.
    // What each remote host verifies (signature scheme) and runs (software), remembered durably.
    this.hostProfiles = new HostProfiles(store, worker);
    SignatureKnock knock = new SignatureKnock(hostProfiles, clock);
    UrlGuard urlGuard = new UrlGuard(worker, config.allowPrivateAddresses());
    this.fetcher = new RemoteFetcher(vertx, urlGuard, instanceSigner, worker, FetchOptions.DEFAULTS, userAgent,
        new HttpClientOptions(), knock, instanceSigner::signingKey);
    SoftwareLookup software = new SoftwareLookup(hostProfiles, url -> fetcher.fetchPublicJson(url, "application/json"),
        worker, clock);
    DocumentFetcher documentFetcher = DocumentFetcher.of(fetcher);
    this.remoteActors = new RemoteActors(new RemoteActorRepository(store), documentFetcher, worker, clock, uris);
    this.webFingerClient = new WebFingerClient(fetcher, config.allowPrivateAddresses());
    KeyResolver keys = new LocalKeyResolver(uris, actors, documents, b.remoteKeys != null ? b.remoteKeys : remoteActors);
    InboundVerifier verifier =
        new InboundVerifier(keys, new SignatureVerifier(clock, config.signatureWindow()), worker);

    // Outbox, durable delivery, following.
    this.follows = new FollowRepository(store);
    ActivityRepository activities = new ActivityRepository(store);
    OutboxRepository outbox = new OutboxRepository(store);
    // One process per store (RocksDB allows only one), so the queue's leases are all this process's: the
    // delivery worker releases those a killed previous run left at start.
    KvDurableQueue queue = new KvDurableQueue(store, FederationKeyspaces.DELIVERY, FederationKeyspaces.DELIVERY_IDS,
        new JobIds(clock, new Random()), KvDurableQueue.SINGLE_PROCESS);
    RecipientResolver recipients = actorId -> remoteActors.resolve(actorId, false)
        .map(a -> new RecipientResolver.Inboxes(a.inbox(), a.sharedInbox()));
    this.publisher = new Publisher(store, worker, uris, clock, ids, actors, activities, outbox, follows, queue, recipients);
    DeliveryPolicy policy = b.deliveryPolicy != null ? b.deliveryPolicy : DeliveryPolicy.defaults(userAgent);
    this.deliverySender = new DeliverySender(vertx, worker, policy, clock);
    this.delivery = new DeliveryWorker(vertx, worker, queue, activities, actors, uris,
        new HostHealth(store, clock, policy.unavailableAfter()), deliverySender, knock, software,
        InboxGuard.of(urlGuard), policy, clock, new Random());
    publisher.onEnqueued(delivery::wake);
    this.following = new FollowingService(worker, uris, clock, ids, follows, activities, remoteActors,
        (name, host) -> webFingerClient.resolveActorId(name + "@" + host), publisher,
        new FollowCompatibility(actors, software));

    // Inbox pipeline.
    InboxSeen seen = new InboxSeen(store);
    InboxLog log = new InboxLog(store);
    this.followEffects = new FollowEffects(follows, remoteActors, actors, publisher, worker, clock, uris);
    followEffects.onFollower(software::familyOf);
    this.inboxProcessor = new InboxProcessor(
        store, worker, clock, uris, log, seen, follows, remoteActors, actors, followEffects, listeners);
    this.inboxHandler = new InboxHandler(config, clock, worker, store, actors, verifier, documentFetcher,
        b.inboxPolicy, seen, log, inboxProcessor, ids,
        b.bodyBudget != null ? b.bodyBudget : new BodyBudget(BodyBudget.DEFAULT_CAPACITY));
    this.housekeeping = new InboxHousekeeping(vertx, inboxProcessor, clock, Duration.ofMinutes(5));

    // Read side and routes.
    this.authorizedFetch = new AuthorizedFetch(config.authorizedFetch(), verifier, config.publicUrl());
    UsageProvider usage = b.usageProvider != null ? b.usageProvider : NodeInfo.defaultUsage(actors);
    this.routes = new FederationRoutes(
        uris,
        actors,
        documents,
        new WebFingerHandler(new WebFinger(config, uris, actors, documents)),
        new NodeInfo(config, uris, usage),
        new HostMeta(uris),
        new FederationRoutes.Collections(
            StoredCollections.outbox(outbox, activities, worker),
            StoredCollections.followers(follows, worker),
            StoredCollections.following(follows, worker),
            b.featured != null ? b.featured : CollectionSource.empty()),
        id -> worker.executeBlocking(() -> activities.find(id), false),
        ctx -> inboxHandler.handle(ctx.request(), ctx.pathParam("name"),
            ctx.body().available() ? ctx.body().buffer() : null, BodyBudget.retainedBy(ctx)),
        authorizedFetch,
        b.objectDispatchers);
    this.htmlFallback = new HtmlFallbackHandler(actors, config);
  }

  public static Builder builder(Vertx vertx, KvStore store, FederationConfig config) {
    return new Builder(vertx, store, config);
  }

  /**
   * Ensures the instance actor (and loads its key for signed fetches), starts the delivery worker,
   * then replays inbox entries a crash left unprocessed and starts the inbox housekeeping (periodic
   * retry of failed entries, daily pruning).
   */
  public Future<Void> start() {
    return instanceSigner.load(actors)
        .compose(v -> worker.executeBlocking(() -> {
          hostProfiles.load();
          return null;
        }, false))
        .compose(v -> delivery.start())
        .compose(v -> inboxProcessor.replayPending())
        .map(replayed -> {
          if (replayed > 0) {
            LOG.info("replayed {} pending inbox entries", replayed);
          }
          housekeeping.start();
          return null;
        });
  }

  /** Stops the delivery worker and HTTP clients; closes the worker executor if the facade created it. */
  public Future<Void> stop() {
    housekeeping.stop();
    return delivery.stop()
        .eventually(() -> {
          inboxHandler.close();
          inboxProcessor.close();
          deliverySender.close();
          fetcher.close();
          return ownsWorker ? worker.close() : Future.succeededFuture();
        });
  }

  /** Mounts every protocol route; mount before the server's own page routes. */
  public void mount(Router router) {
    routes.mount(router);
  }

  /** A minimal HTML page for {@code GET /actors/:name}, for a server without its own: mount it last. */
  public Handler<RoutingContext> htmlFallbackHandler() {
    return htmlFallback;
  }

  /** Approves a pending follower of a local actor (sends the Accept). */
  public Future<Follower> approveFollower(String localName, URI remoteActor) {
    return followEffects.approve(localName, remoteActor);
  }

  /** Rejects a pending (or accepted) follower of a local actor (sends the Reject). */
  public Future<Follower> rejectFollower(String localName, URI remoteActor) {
    return followEffects.reject(localName, remoteActor);
  }

  public LocalActors actors() {
    return actors;
  }

  public ActorDocuments documents() {
    return documents;
  }

  public Publisher publisher() {
    return publisher;
  }

  /** Local actors following remote ones (follow / unfollow). */
  public FollowingService following() {
    return following;
  }

  /** Follow relations in both directions (synchronous repository: use {@link #worker()}). */
  public FollowRepository follows() {
    return follows;
  }

  public DeliveryWorker delivery() {
    return delivery;
  }

  /** What this node learned of each remote host (signature scheme, software). */
  public HostProfiles hostProfiles() {
    return hostProfiles;
  }

  public RemoteActors remoteActors() {
    return remoteActors;
  }

  /**
   * The authorized-fetch check, for the server's own ActivityStreams routes (objects, their
   * collections): in that mode they need a signed GET too.
   */
  public AuthorizedFetch authorizedFetch() {
    return authorizedFetch;
  }

  /** The inbox processor: Flag reports for moderators ({@code flags}), housekeeping ({@code prune}), replay. */
  public InboxProcessor inbox() {
    return inboxProcessor;
  }

  public WebFingerClient webFinger() {
    return webFingerClient;
  }

  /** Signed (instance actor), guarded fetches of remote documents (objects, collections). */
  public RemoteFetcher fetcher() {
    return fetcher;
  }

  public InboxListeners listeners() {
    return listeners;
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
    private final List<ObjectDispatcher> objectDispatchers = new ArrayList<>();
    private UsageProvider usageProvider;
    private CollectionSource featured;
    private ActorExtension actorExtension = ActorExtension.NONE;
    private KeyResolver remoteKeys;
    private InboxPolicy inboxPolicy;
    private DeliveryPolicy deliveryPolicy;
    private BodyBudget bodyBudget;
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

    /** Serves the server's objects by id (JSON here, pages by the server's routes); none by default. */
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

    public Federation build() {
      return new Federation(this);
    }
  }
}
