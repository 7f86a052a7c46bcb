package org.coordo.server.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationContext;
import org.coordo.federation.TimeSortableIds;
import org.coordo.server.data.cosign.CoSignRepository;
import org.coordo.server.fedimpl.CoSignInboxListeners;
import org.coordo.server.service.cosign.CoSigning;
import org.coordo.federation.Uris;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.data.account.CollectiveRepository;
import org.coordo.server.data.actionday.ActionDayRepository;
import org.coordo.server.service.actionday.ActionDayIndexer;
import org.coordo.server.service.actionday.ActionDayService;
import org.coordo.server.data.publication.BlockRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.data.mail.SubscriptionRepository;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.aggregation.NationalSettings;
import org.coordo.server.service.mail.SubscriptionLinks;
import org.coordo.server.service.mail.SubscriptionService;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.service.mail.DigestSchedule;
import org.coordo.server.service.mail.PublicationMailing;
import org.coordo.server.domain.aggregation.ReannouncePolicy;
import org.coordo.server.fedimpl.AggregationBackfill;
import org.coordo.server.fedimpl.AggregationInboxListener;
import org.coordo.server.fedimpl.BlockInboxPolicy;
import org.coordo.server.fedimpl.CoordinationListeners;
import org.coordo.server.data.coordination.CoordinationRepository;
import org.coordo.server.service.coordination.Coordination;
import org.coordo.server.service.coordination.CoordinationService;
import org.coordo.server.service.coordination.JoinService;
import org.coordo.server.service.coordination.MobilisationService;
import org.coordo.server.service.coordination.NextDays;
import org.coordo.server.fedimpl.CollectiveActorExtension;
import org.coordo.server.fedimpl.EditorNoticeListener;
import org.coordo.server.fedimpl.PublicationObjectDispatcher;
import org.coordo.server.fedimpl.ServerListeners;
import org.coordo.server.fedimpl.MeetingObjectDispatcher;
import org.coordo.server.fedimpl.WorkingGroupActorExtension;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.convert.MeetingAsConverter;
import org.coordo.server.data.group.GroupData;
import org.coordo.server.service.group.GroupPlanning;
import org.coordo.server.service.group.PublicGroups;
import org.coordo.server.service.group.WorkingGroupService;
import org.coordo.server.service.group.WorkingGroups;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.mail.MailPolicy;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.mail.MailSystem;
import org.coordo.server.service.account.AccountStore;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.MemberMail;
import org.coordo.server.convert.AggregatedItemConverter;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.server.service.publication.MediaService;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.data.toolbox.ToolboxRepository;
import org.coordo.server.service.toolbox.ToolboxService;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.TextWork;
import org.coordo.storage.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a node is put together. On the open store it builds, in this order: the control
 * token and the worker pools; the federation (with the server's actor extension, inbox policy and
 * object dispatcher), then on its port the services of each domain (accounts, publishing,
 * aggregation, the national coordination) and every inbox listener ({@link ServerListeners}),
 * registered before the federation starts; then it starts the federation (inbox replay included)
 * and, on a national node, the national group and its follows. Route mounters get the result
 * ({@link NodeServices}) and only mount.
 *
 * <p>Whatever was started is undone by {@link #stop} in reverse order, after a failed start too.
 */
public final class NodeAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAssembly.class);
  /** Password hashing and actor key generation (CPU- and memory-heavy: small, apart from storage). */
  public static final String HASHING_WORKER = "coordo-accounts";
  /** Where feeds are rendered. */
  public static final String FEED_WORKER = "coordo-feeds";
  /** How often configured national follows that could not be sent are asked again. */
  public static final Duration FOLLOW_RETRY = Duration.ofMinutes(10);
  /** How often pending email subscriptions whose confirmation link expired are deleted. */
  public static final Duration SUBSCRIPTION_PURGE = Duration.ofHours(1);

  /** How often notices held back by their hourly limit are looked at. */
  public static final Duration NOTICE_CHECK = Duration.ofMinutes(5);

  private final Deque<Supplier<Future<?>>> undo = new ArrayDeque<>();

  /** Builds and starts everything on {@code platform}'s open store. */
  public Future<NodeServices> start(NodeContext platform, NodeOptions options) {
    Vertx vertx = platform.vertx();
    Path tokenFile = new DataDir(platform.config().dataDir()).controlToken();
    return vertx.executeBlocking(() -> ControlToken.create(tokenFile), false).compose(token -> {
      undo.push(() -> vertx.executeBlocking(() -> Files.deleteIfExists(tokenFile), false));
      WorkerExecutor hashing = vertx.createSharedWorkerExecutor(HASHING_WORKER, 2);
      undo.push(hashing::close);
      WorkerExecutor feeds = vertx.createSharedWorkerExecutor(FEED_WORKER, 2);
      undo.push(feeds::close);
      TextWork text = TextWork.on(vertx);
      MailPolicy mailPolicy = options.fastDelivery() ? MailPolicy.fast() : MailPolicy.defaults();
      return platform.storage().call(store -> MailSystem.build(vertx, platform.config().mail(),
          platform.config().publicUrl().getHost(), store, platform.storage(), platform.clock(), mailPolicy,
          platform.storage().queues(), platform.storage().liveProcesses()))
          .compose(mail -> platform.storage().call(store -> build(platform, options, store, token, hashing, feeds, text,
              mail.queue())).map(services -> Map.entry(services, mail)));
    }).compose(built -> {
      NodeServices services = built.getKey();
      undo.push(services.federation()::stop);
      long purge = vertx.setPeriodic(SUBSCRIPTION_PURGE.toMillis(), id -> services.subscriptions().purgeExpired());
      undo.push(() -> Future.succeededFuture(vertx.cancelTimer(purge)));
      return services.federation().start().compose(v -> startNational(platform, services))
          .compose(v -> startMail(platform, built.getValue()))
          .compose(v -> startPublicationMails(services.publicationMails())).map(v -> {
            startNotices(platform, services);
            return services;
          });
    });
  }

  /** Editors' notices held back by their hourly limit leave when it is over (checked every few minutes). */
  private void startNotices(NodeContext platform, NodeServices services) {
    long timer = platform.vertx().setPeriodic(NOTICE_CHECK.toMillis(), id -> services.accounts().notices().flushDue()
        .onFailure(e -> LOG.warn("editors' notices: flush failed", e)));
    undo.push(() -> Future.succeededFuture(platform.vertx().cancelTimer(timer)));
  }

  /** Undoes what {@link #start} did, in reverse; every step runs even if an earlier one failed. */
  public Future<Void> stop() {
    Future<Void> done = Future.succeededFuture();
    while (!undo.isEmpty()) {
      Supplier<Future<?>> step = undo.pop();
      done = done.eventually(() -> step.get().onFailure(e -> LOG.warn("stopping the node", e)));
    }
    return done;
  }

  /** Runs on a storage worker: constructors only, nothing started. */
  private static NodeServices build(NodeContext platform, NodeOptions options, KvStore store, ControlToken token,
      WorkerExecutor hashing, WorkerExecutor feeds, TextWork text, MailQueue mail) {
    NodeConfig c = platform.config();
    Uris uris = new Uris(c.publicUrl());
    PublicationUris publicationUris = new PublicationUris(uris);
    FederationConfig federationConfig = new FederationConfig(c.publicUrl(), c.federation().allowPrivateAddresses(),
        c.federation().authorizedFetch(), c.federation().maxBodyBytes(), Duration.ofHours(1), platform.version(),
        c.node().name(), Map.of("role", c.role().id()));
    // Working groups (issue 16): public groups' actors are linked to their collectives from memory;
    // their services are built on the federation's port below, which the meeting dispatcher reads lazily.
    GroupUris groupUris = new GroupUris(uris);
    PublicGroups publicGroups = new PublicGroups(new GroupData(store).publicGroups());
    WorkingGroups[] groups = new WorkingGroups[1];
    Federation federation = Federation.builder(platform.vertx(), store, federationConfig)
        .clock(platform.clock())
        .fastDelivery(options.fastDelivery())
        .queues(platform.storage().queues())
        .sharedStore(platform.storage().shared())
        .cacheEvents(platform.storage().cacheEvents())
        .liveProcesses(platform.storage().liveProcesses())
        .actorExtension(new WorkingGroupActorExtension(publicGroups, groupUris,
            new CollectiveActorExtension(publicationUris)))
        .objectDispatcher(new MeetingObjectDispatcher(() -> groups[0].planning()))
        .inboxPolicy(new BlockInboxPolicy(new BlockRepository(store)))
        .objectDispatcher(new PublicationObjectDispatcher(platform.storage(), new PublicationRepository(store),
            new PublicationAsConverter(publicationUris), new CoSignRepository(store)))
        .build();
    FederationContext fed = federation.context();

    // Mail for members (helper "mail-members"): invitations, resets, confirmations, editors' notices.
    MemberMail memberMail = new MemberMail(mail, c.node().name(), c.publicUrl());
    Accounts accounts = new Accounts(AccountStore.on(new AccountData(store), platform.storage()), fed.actors(), hashing,
        Accounts.Settings.defaults(c.publicUrl()).withHashing(options.hashing()), platform.clock(), memberMail);
    Publishing publishing = new Publishing(store, platform.storage(), fed::publishAll, uris, platform.clock(),
        new TimeSortableIds(platform.clock()), c.storage().filesDir().resolve("media"), MediaService.DEFAULT_MAX_BYTES, text,
        collective -> accounts.collectives().find(collective)
            .map(found -> found.map(v -> v.collective().publishesAsCollective()).orElse(false)));
    AggregationService aggregation = new AggregationService(new AggregationRepository(store), platform.storage(),
        new AggregatedItemConverter(new HtmlSanitizer()), platform.clock(), text);
    NationalService national = null;
    if (c.role() == NodeConfig.Role.NATIONAL) {
      NodeConfig.National n = c.national();
      NationalSettings settings = new NationalSettings(n.group(), c.node().name(), n.follow(),
          ReannouncePolicy.parse(n.reannounce()).orElse(ReannouncePolicy.EVENTS_AND_CALLS));
      national = new NationalService(fed, aggregation, settings, platform.clock());
      aggregation.onNewItem(national::onNewItem);
    }
    MarkdownRenderer markdown = new MarkdownRenderer(new HtmlSanitizer());
    WorkingGroupService groupService = new WorkingGroupService(platform.storage(), store, fed.actors(), publicGroups,
        markdown, text, platform.clock());
    groups[0] = new WorkingGroups(groupService, new GroupPlanning(groupService, new AccountData(store), fed::publishAll,
        new MeetingAsConverter(groupUris), markdown, text, new TimeSortableIds(platform.clock())), publicGroups);
    AggregationInboxListener received = new AggregationInboxListener(fed, aggregation);
    AggregationBackfill backfill = new AggregationBackfill(fed, received);
    CoordinationRepository coordinationData = new CoordinationRepository(store); // issue 17, coordination membership
    JoinService joins = new JoinService(fed, platform.storage(), coordinationData, platform.clock());
    CoordinationService members = national == null ? null
        : new CoordinationService(fed, platform.storage(), coordinationData, national, platform.clock());
    // co-signed calls (issue 17, "cosign"): invitations, answers and signatories across nodes
    CoSigning cosigning = CoSigning.create(platform.storage(), new CoSignRepository(store),
        new PublicationRepository(store), fed, new PublicationAsConverter(publicationUris),
        collective -> accounts.collectives().find(collective).map(found -> found.map(v -> v.collective().displayName())),
        platform.clock(), new TimeSortableIds(platform.clock()));
    ServerListeners.register(federation::on, publishing, received, backfill,
        new EditorNoticeListener(fed, accounts.notices(), cosigning.inbox(), members),
        new CoordinationListeners(members, joins),
        new CoSignInboxListeners(cosigning.inbox()));
    SubscriptionService subscriptions = subscriptions(platform, store, accounts, national, mail);
    // Several processes on one database: rate limits count for the node, not per process.
    accounts.shareLimits(platform.storage().cacheEvents());
    subscriptions.shareLimits(platform.storage().cacheEvents());
    PublicationMailing publicationMails = new PublicationMailing(platform.vertx(), store, platform.storage(), mail,
        subscriptions.subscribers(), uris, national == null ? null : aggregation.repository(),
        national == null ? null : national.groupName(), c.node().name(), platform.version(),
        DigestSchedule.defaults(NodeTime.DEFAULT_ZONE), platform.clock(),
        options.fastDelivery() ? PublicationMailing.FAST_POLL : PublicationMailing.POLL, platform.storage().queues());
    publishing.service.onWrite(publicationMails.trigger);
    if (national != null) {
      aggregation.repository().onWrite(publicationMails.trigger);
    }
    ActionDayService actionDays = actionDays(platform, store, publishing, aggregation, national, fed);
    Coordination coordination = coordination(platform, members, joins, aggregation, fed, actionDays);
    return new NodeServices(platform, federation, accounts, new AuthHandler(accounts.sessions()), publishing,
        aggregation, national, backfill, token, feeds, mail, subscriptions, publicationMails,
        new ToolboxService(platform.storage(), new ToolboxRepository(store), c.storage().filesDir().resolve("toolbox"),
            platform.clock(), new TimeSortableIds(platform.clock())), groups[0], actionDays, coordination, cosigning);
  }

  /**
   * Days of action (issue 17): the index kept in step with publications and received items, and the check
   * of events' links; the national node's member cities are those it follows.
   */
  private static ActionDayService actionDays(NodeContext platform, KvStore store, Publishing publishing,
      AggregationService aggregation, NationalService national, FederationContext fed) {
    ActionDayService days = new ActionDayService(platform.storage(), new ActionDayRepository(store),
        publishing.publications, aggregation.repository(), new CollectiveRepository(store), publishing.uris, fed,
        national == null ? () -> Future.succeededFuture(java.util.List.<FollowedCity>of()) : national::cities,
        platform.clock());
    ActionDayIndexer indexer = days.indexer();
    publishing.service.onWrite(indexer);
    aggregation.repository().onWrite(indexer);
    publishing.service.checkActionDayLinksWith(days);
    return days;
  }

  /**
   * Membership of the national coordination (issue 17): the requests to join and the dashboard on a
   * national node (its next day of action from the days of action), collectives' own requests everywhere.
   */
  private static Coordination coordination(NodeContext platform, CoordinationService members, JoinService joins,
      AggregationService aggregation, FederationContext fed, ActionDayService days) {
    if (members == null) {
      return new Coordination(null, null, joins);
    }
    return new Coordination(members, new MobilisationService(members, aggregation, fed, NextDays.of(days),
        platform.clock()), joins);
  }

  /** The publication mails' fan-out (when mail is on), stopped before the mail worker. */
  private Future<Void> startPublicationMails(PublicationMailing publicationMails) {
    undo.push(publicationMails::stop);
    return publicationMails.start();
  }

  /** The mail worker (when mail is on), stopped before the federation. */
  private Future<Void> startMail(NodeContext platform, MailSystem mail) {
    LOG.info(platform.config().mail().summary());
    undo.push(mail::stop);
    return mail.start();
  }

  /**
   * Email subscriptions (issue 15): scopes are this node's collectives (the national group's
   * subscribers pick among the followed cities). Store code (the link secret is read or made here).
   */
  private static SubscriptionService subscriptions(NodeContext platform, KvStore store, Accounts accounts,
      NationalService national, MailQueue mail) {
    NodeConfig c = platform.config();
    SubscriptionRepository repository = new SubscriptionRepository(store);
    return new SubscriptionService(platform.storage(), repository, mail,
        new SubscriptionLinks(c.publicUrl(), repository.linkSecret()), platform.clock(),
        new TimeSortableIds(platform.clock()), SubscriptionService.Settings.defaults(), c.node().name(),
        scope -> accounts.collectives().find(scope).map(found -> found.map(v -> v.collective().displayName())),
        national == null ? null : national.groupName(),
        () -> national == null ? Future.succeededFuture(Set.<String>of())
            : national.cities().map(list -> list.stream().map(FollowedCity::name).collect(Collectors.toSet())));
  }

  /** On a national node: its group (a collective, with members), its follows, and their retries. */
  private Future<Void> startNational(NodeContext platform, NodeServices services) {
    NationalService national = services.national();
    if (national == null) {
      return Future.succeededFuture();
    }
    return national.ensureGroup(s -> services.accounts().collectives().create(s.groupName(), s.displayName(),
        "Coordination nationale : l'agenda et les appels de toutes les villes.", false)).map(group -> {
          national.followConfigured().onComplete(ar -> LOG.info("national: configured follows sent ({})",
              platform.config().national().follow().size()));
          long timer = platform.vertx().setPeriodic(FOLLOW_RETRY.toMillis(), id -> national.retryFailedFollows());
          undo.push(() -> Future.succeededFuture(platform.vertx().cancelTimer(timer)));
          return null;
        });
  }
}
