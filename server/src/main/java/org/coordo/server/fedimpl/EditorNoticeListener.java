package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.coordo.federation.FederationContext;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.service.account.EditorNotices;
import org.coordo.server.service.publication.ReplyService;

/**
 * The one place where what waits for a collective's editors reaches their notices ({@link
 * EditorNotices}): a new reply in a moderation queue (told by {@link ReplyService#onPending}), and
 * a {@code Follow} that federation stored as pending because the collective approves its followers
 * by hand (this listener runs after federation's own follow handling).
 */
public final class EditorNoticeListener {
  /** Pending follow requests looked at per collective (one Follow makes one of them). */
  private static final int PENDING_LOOKUP = 500;

  private final FederationContext federation;
  private final EditorNotices notices;

  public EditorNoticeListener(FederationContext federation, EditorNotices notices) {
    this.federation = federation;
    this.notices = notices;
  }

  /** Registers the Follow listener and the replies' hook. */
  public void register(BiConsumer<String, InboxListener> on, ReplyService replies) {
    replies.onPending(notices::replyWaiting);
    on.accept("Follow", this::onFollow);
  }

  Future<Void> onFollow(InboundActivity a) {
    List<Future<Void>> told = new ArrayList<>();
    for (String local : a.recipients()) {
      told.add(federation.pendingFollowers(local, PENDING_LOOKUP).compose(pending ->
          pending.stream().anyMatch(f -> f.actorId().equals(a.actor()))
              ? notices.followWaiting(local)
              : Future.<Void>succeededFuture()));
    }
    // A notice is a courtesy: its failure must not make the inbox retry the Follow.
    return Future.join(told).<Void>mapEmpty().otherwiseEmpty();
  }
}
