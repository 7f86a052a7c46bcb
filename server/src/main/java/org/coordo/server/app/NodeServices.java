package org.coordo.server.app;

import org.coordo.server.service.actionday.ActionDayService;
import io.vertx.core.WorkerExecutor;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.fedimpl.AggregationBackfill;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.server.service.group.WorkingGroups;
import org.coordo.server.service.mail.SubscriptionService;
import org.coordo.server.service.mail.PublicationMailing;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.service.toolbox.ToolboxService;

/**
 * What the {@link NodeAssembly} built and started, handed to every {@link RouteMounter}: the
 * platform (Vert.x, configuration, storage, metrics, clock), the federation, and the services of
 * each domain.
 *
 * @param platform Vert.x, configuration, storage, metrics, clock, version, body budget
 * @param federation the protocol layer (its routes are mounted from here; the server talks to it
 *     through {@link #fed()})
 * @param auth loads the principal of a request (session cookie or bearer token)
 * @param national the national coordination, on a national node; null otherwise
 * @param controlToken the token the command line presents to the control routes
 * @param feedWorker where feeds are rendered ({@value NodeAssembly#FEED_WORKER})
 * @param mail the durable outbound mail queue ({@code mail.*}; {@link MailQueue#enabled()} is false when mail
 *     is off)
 * @param subscriptions email subscriptions (issue 15); {@code subscriptions().subscribers()} is what
 *     publication mails read
 * @param publicationMails what subscribers receive: the trigger on publishing, the fan-out, the weekly digest
 * @param toolbox the collectives' document libraries (issue 16, toolbox)
 * @param groups working groups: their people, planning and board
 * @param actionDays days of action and the events linked to them (issue 17)
 * @param coordination membership of the national coordination (issue 17): joins, requests, dashboard
 * @param cosigning calls co-signed across nodes (issue 17)
 */
public record NodeServices(
    NodeContext platform,
    Federation federation,
    Accounts accounts,
    AuthHandler auth,
    Publishing publishing,
    AggregationService aggregation,
    NationalService national,
    AggregationBackfill backfill,
    ControlToken controlToken,
    WorkerExecutor feedWorker,
    MailQueue mail,
    SubscriptionService subscriptions,
    PublicationMailing publicationMails,
    ToolboxService toolbox,
    WorkingGroups groups,
    ActionDayService actionDays,
    org.coordo.server.service.coordination.Coordination coordination,
    org.coordo.server.service.cosign.CoSigning cosigning) {

  /** The port to federation. */
  public FederationContext fed() {
    return federation.context();
  }
}
