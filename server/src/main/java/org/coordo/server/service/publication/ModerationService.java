package org.coordo.server.service.publication;

import org.coordo.server.data.StoreCalls;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.coordo.server.auth.Principal;
import org.coordo.server.data.publication.BlockRepository;
import org.coordo.server.data.publication.ReplyRepository;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.Reply;
import org.coordo.server.domain.publication.ReplyState;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Cursor;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.Page;

/**
 * Editors moderate the replies their collective's publications receive: a queue of pending
 * replies; approve (listed in the object's {@code replies}), hide, delete; block the author's
 * account or whole domain (their reply is deleted, later replies and reactions are ignored).
 */
public final class ModerationService {
  /** What a block should also tell federation (e.g. its inbox policy), if anything. */
  public interface BlockListener {
    void blocked(String scope, String value);
  }

  private final StoreCalls storage;
  private final ReplyRepository replies;
  private final BlockRepository blocks;
  private final ReplyService replyService;
  private final Clock clock;
  private volatile BlockListener blockListener = (scope, value) -> {};

  public ModerationService(StoreCalls storage, ReplyRepository replies, BlockRepository blocks,
      ReplyService replyService, Clock clock) {
    this.storage = storage;
    this.replies = replies;
    this.blocks = blocks;
    this.replyService = replyService;
    this.clock = clock;
  }

  public void onBlock(BlockListener listener) {
    this.blockListener = listener == null ? (scope, value) -> {} : listener;
  }

  public Future<Page<Reply>> queue(Principal who, String collective, Cursor after, int limit) {
    if (!who.canModerate(collective)) {
      return Future.failedFuture(forbidden(collective));
    }
    return storage.call(store -> replies.queue(collective, after, Math.max(1, Math.min(limit, 100))));
  }

  /** How many approved replies a publication has (its public {@code replies} collection's size). */
  public Future<Long> countApproved(PublicationKey target) {
    return storage.call(store -> replies.count(target, ReplyState.APPROVED));
  }

  /** Approved replies of a publication (public), oldest first. */
  public Future<Page<Reply>> approved(PublicationKey target, Cursor after, int limit) {
    return storage.call(store -> replies.byTarget(target, ReplyState.APPROVED, after, Math.max(1, Math.min(limit, 100))));
  }

  public Future<Reply> approve(Principal who, String collective, String replyId) {
    return setState(who, collective, replyId, ReplyState.APPROVED);
  }

  public Future<Reply> hide(Principal who, String collective, String replyId) {
    return setState(who, collective, replyId, ReplyState.HIDDEN);
  }

  public Future<Void> delete(Principal who, String collective, String replyId) {
    return withReply(who, collective, replyId, (store, reply) -> {
      replyService.removeReply(store, reply);
      return null;
    });
  }

  /** Blocks the reply's author ({@code account}) or its whole domain ({@code domain}), and deletes the reply. */
  public Future<Void> block(Principal who, String collective, String replyId, String scope) {
    if (!scope.equals("account") && !scope.equals("domain")) {
      return Future.failedFuture(NodeError.badRequest("scope must be account or domain"));
    }
    return withReply(who, collective, replyId, (store, reply) -> {
      String value;
      if (scope.equals("account")) {
        value = reply.authorId();
        blocks.blockAccount(value, who.username(), clock.instant());
      } else {
        value = URI.create(reply.authorId()).getHost();
        blocks.blockDomain(value, who.username(), clock.instant());
      }
      replyService.removeReply(store, reply);
      return value;
    }).map(value -> {
      blockListener.blocked(scope, value);
      return null;
    });
  }

  private Future<Reply> setState(Principal who, String collective, String replyId, ReplyState state) {
    return withReply(who, collective, replyId, (store, reply) -> {
      Reply next = reply.withState(state);
      try (KvBatch batch = store.newBatch()) {
        replies.put(batch, next, reply);
        store.write(batch, Durability.WAL);
      }
      return next;
    });
  }

  private interface ReplyWork<T> {
    T apply(org.coordo.storage.KvStore store, Reply reply);
  }

  private <T> Future<T> withReply(Principal who, String collective, String replyId, ReplyWork<T> work) {
    if (!who.canModerate(collective)) {
      return Future.failedFuture(forbidden(collective));
    }
    return storage.call(store -> {
      synchronized (replyService.lock()) {
        Optional<Reply> reply = replies.find(replyId).filter(r -> r.target().collective().equals(collective));
        if (reply.isEmpty()) {
          throw NodeError.notFound("reply");
        }
        return work.apply(store, reply.get());
      }
    });
  }

  private static NodeError forbidden(String collective) {
    return NodeError.forbidden("You need the editor role in collective '" + collective + "' to moderate.");
  }
}
