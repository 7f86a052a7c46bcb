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
import java.util.Objects;
import java.util.Optional;
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
import org.coordo.federation.spi.UsageProvider;
import org.coordo.federation.webfinger.HostMeta;
import org.coordo.federation.webfinger.WebFinger;
import org.coordo.federation.webfinger.WebFingerHandler;
import org.coordo.storage.KvStore;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.queue.JobIds;

/**
 * The protocol layer's components, built and connected in one place from a {@link Federation.Builder}:
 * local actors, remote fetches and actors, the outbox and durable delivery, following, the inbox
 * pipeline and the routes. Each component does its own work; this class only wires them.
 */
final class FederationParts {
  final FederationConfig config;
  final Uris uris;
  final WorkerExecutor worker;
  final boolean ownsWorker;
  final LocalActors actors;
  final ActorDocuments documents;
  final InstanceActorSigner instanceSigner;
  final InboxListeners listeners;
  final FollowRepository follows;
  final RemoteActors remoteActors;
  final RemoteFetcher fetcher;
  final WebFingerClient webFingerClient;
  final Publisher publisher;
  final DeliverySender deliverySender;
  final DeliveryWorker delivery;
  final FollowingService following;
  final FollowEffects followEffects;
  final InboxProcessor inboxProcessor;
  final InboxHousekeeping housekeeping;
  final InboxHandler inboxHandler;
  final FederationRoutes routes;
  final AuthorizedFetch authorizedFetch;
  final HtmlFallbackHandler htmlFallback;
  final HostProfiles hostProfiles;

  FederationParts(Federation.Builder b) {
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
    // Several processes on one database: what one of them caches, another may change (PostgreSQL NOTIFY).
    actors.shareChanges(b.cacheEvents);
    remoteActors.shareChanges(b.cacheEvents);
    this.webFingerClient = new WebFingerClient(fetcher, config.allowPrivateAddresses());
    KeyResolver keys = new LocalKeyResolver(uris, actors, documents, b.remoteKeys != null ? b.remoteKeys : remoteActors);
    InboundVerifier verifier =
        new InboundVerifier(keys, new SignatureVerifier(clock, config.signatureWindow()), worker);

    // Outbox, durable delivery, following.
    this.follows = new FollowRepository(store);
    ActivityRepository activities = new ActivityRepository(store);
    OutboxRepository outbox = new OutboxRepository(store);
    // Claimed under this process's owner (one process per store on RocksDB, or each process's exclusive
    // name on a shared database): the delivery worker releases the leases a killed previous run left at start.
    DurableQueue queue = b.queues.open(store, FederationKeyspaces.DELIVERY, FederationKeyspaces.DELIVERY_IDS,
        new JobIds(clock, new Random()));
    RecipientResolver recipients = actorId -> remoteActors.resolve(actorId, false)
        .map(a -> new RecipientResolver.Inboxes(a.inbox(), a.sharedInbox()));
    this.publisher = new Publisher(store, worker, uris, clock, ids, actors, activities, outbox, follows, queue, recipients);
    DeliveryPolicy policy = b.deliveryPolicy != null ? b.deliveryPolicy
        : b.fastDelivery ? DeliveryPolicy.forTests(userAgent) : DeliveryPolicy.defaults(userAgent);
    this.deliverySender = new DeliverySender(vertx, worker, policy, clock);
    this.delivery = new DeliveryWorker(vertx, worker, queue, activities, actors, uris,
        new HostHealth(store, clock, policy.unavailableAfter()), deliverySender, knock, software,
        InboxGuard.of(urlGuard), policy, clock, new Random());
    delivery.shareHostLimit(b.liveProcesses);
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
        b.bodyBudget != null ? b.bodyBudget : new BodyBudget(BodyBudget.DEFAULT_CAPACITY), b.sharedStore);
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

}
