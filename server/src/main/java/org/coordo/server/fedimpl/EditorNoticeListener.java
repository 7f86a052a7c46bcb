package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.coordo.federation.FederationContext;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.service.account.EditorNotices;
import org.coordo.server.service.coordination.CoordinationService;
import org.coordo.server.service.cosign.CoSignInbox;
import org.coordo.server.service.publication.ReplyService;

/**
 * The one place where what waits for a collective's editors reaches their notices ({@link
 * EditorNotices}): a new reply in a moderation queue (told by {@link ReplyService#onPending}), a
 * {@code Follow} that federation stored as pending because the collective approves its followers
 * by hand (this listener runs after federation's own follow handling), an invitation to co-sign a call
 * ({@link CoSignInbox#onInvited}) and, on a national node, a city's request to join the coordination
 * ({@link CoordinationService#onRequest}).
 */
public final class EditorNoticeListener {
  /** Pending follow requests looked at per collective (one Follow makes one of them). */
  private static final int PENDING_LOOKUP = 500;

  private final FederationContext federation;
  private final EditorNotices notices;
  private final CoSignInbox cosign;
  private final CoordinationService coordination;

  /** @param coordination the national coordination's requests, or null on a city node */
  public EditorNoticeListener(FederationContext federation, EditorNotices notices, CoSignInbox cosign,
      CoordinationService coordination) {
    this.federation = federation;
    this.notices = notices;
    this.cosign = cosign;
    this.coordination = coordination;
  }

  /** Registers the Follow listener and the replies', invitations' and join requests' hooks. */
  public void register(BiConsumer<String, InboxListener> on, ReplyService replies) {
    replies.onPending(notices::replyWaiting);
    cosign.onInvited(notices::invitationWaiting);
    if (coordination != null) {
      coordination.onRequest(notices::joinWaiting);
    }
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
