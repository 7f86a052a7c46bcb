package org.coordo.server.fedimpl;

import java.util.function.BiConsumer;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.service.publication.Publishing;

/**
 * Every inbox listener of the server, in one place, registered by the node assembly before the
 * federation starts (so that entries a crash left pending are replayed through them):
 *
 * <ol>
 *   <li>publishing: replies, their updates and deletions, likes and boosts of our publications,
 *       undos ({@link PublicationInboxListeners});
 *   <li>the answer to {@code Join} ({@link JoinRefusal});
 *   <li>aggregation: calls, minutes and events of followed collectives ({@link AggregationInboxListener});
 *   <li>the outbox backfill when a collective accepts our follow ({@link AggregationBackfill});
 *   <li>joining the national coordination: Join of the national group, answers to our Joins, the national group's
 *       Follow of a collective that asked to join ({@link CoordinationListeners});
 *   <li>editors' notices: replies waiting in moderation, follows waiting for approval, invitations to co-sign, join
 *       requests ({@link EditorNoticeListener});
 *   <li>co-signed calls: invitations, answers, signatories ({@link CoSignInboxListeners}).
 * </ol>
 */
public final class ServerListeners {
  private ServerListeners() {}

  public static void register(BiConsumer<String, InboxListener> on, Publishing publishing,
      AggregationInboxListener aggregation, AggregationBackfill backfill, EditorNoticeListener notices,
      CoordinationListeners coordination,
      CoSignInboxListeners cosign) {
    publishing(on, publishing);
    aggregation.register(on);
    on.accept("Accept", backfill.onAccept());
    coordination.register(on); // before the notices: a Follow it approves is not told to the editors
    notices.register(on, publishing.replyService);
    cosign.register(on);
  }

  /** Publishing's listeners alone (1 and 2). */
  public static void publishing(BiConsumer<String, InboxListener> on, Publishing publishing) {
    new PublicationInboxListeners(publishing.replyService).register(on);
    JoinRefusal join = new JoinRefusal(publishing);
    on.accept("Join", join::onJoin);
  }
}
