package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.vocab.As;
import org.coordo.server.domain.publication.ReactionType;
import org.coordo.server.service.publication.ReplyService;

/**
 * The inbox listeners of collective publishing, registered per activity type:
 *
 * <ul>
 *   <li>{@code Create} of a {@code Note} replying to one of ours → stored, sanitised, pending moderation;
 *   <li>{@code Update} of such a Note by its author → its content replaced (sanitised);
 *   <li>{@code Delete} of it by its author → removed;
 *   <li>{@code Like}, {@code Announce} of one of ours → counted once per actor; {@code Undo} → uncounted.
 * </ul>
 *
 * Each is idempotent (a retried delivery changes nothing) and ignores what is not about us.
 */
public final class PublicationInboxListeners {
  private final ReplyService replies;

  public PublicationInboxListeners(ReplyService replies) {
    this.replies = replies;
  }

  /** The activity types these listeners handle. */
  public static final java.util.List<String> TYPES =
      java.util.List.of("Create", "Update", "Delete", "Like", "Announce", "Undo");

  /** Registers every listener, e.g. {@code listeners.register(federation.listeners()::on)}. */
  public void register(BiConsumer<String, InboxListener> on) {
    on.accept("Create", this::onCreate);
    on.accept("Update", this::onUpdate);
    on.accept("Delete", this::onDelete);
    on.accept("Like", a -> react(a, ReactionType.LIKE));
    on.accept("Announce", a -> react(a, ReactionType.ANNOUNCE));
    on.accept("Undo", this::onUndo);
  }

  Future<Void> onCreate(InboundActivity a) {
    JsonObject object = a.objectAsJson();
    return object == null ? Future.succeededFuture() : replies.receiveReply(a.actor(), object).mapEmpty();
  }

  Future<Void> onUpdate(InboundActivity a) {
    JsonObject object = a.objectAsJson();
    if (object == null || !"Note".equals(As.typeOf(object))) {
      return Future.succeededFuture();
    }
    return replies.updateReply(a.actor(), object).mapEmpty();
  }

  Future<Void> onDelete(InboundActivity a) {
    return replies.deleteReply(a.actor(), a.objectId()).mapEmpty();
  }

  Future<Void> react(InboundActivity a, ReactionType type) {
    return replies.react(a.actor(), a.activity().getString("id"), type, a.objectId()).mapEmpty();
  }

  Future<Void> onUndo(InboundActivity a) {
    return replies.undo(a.actor(), a.objectId()).mapEmpty();
  }
}
