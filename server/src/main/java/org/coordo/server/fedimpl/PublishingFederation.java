package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.federation.spi.InboxPolicy;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.service.publication.PublicationFederation;
import org.coordo.server.service.publication.Publishing;

/**
 * Connects collective publishing and federation. The node builds its federation in one module and
 * publishing in a later one, so what is registered on the {@link Federation} builder delegates to
 * {@code publishing} once it answers non-null, and does nothing before (nothing can be about a
 * publication before publishing exists):
 *
 * <ul>
 *   <li>the inbox listeners ({@link PublicationInboxListeners}) and the answer to {@code Join}
 *       ({@link JoinRefusal});
 *   <li>the object dispatcher (our publications by id: {@link PublicationObjectDispatcher});
 *   <li>the editors' blocks as the inbox policy ({@link BlockInboxPolicy}).
 * </ul>
 */
public final class PublishingFederation {
  private PublishingFederation() {}

  public static Federation.Builder configure(Federation.Builder builder, Supplier<Publishing> publishing) {
    for (String type : PublicationInboxListeners.TYPES) {
      builder.on(type, activity -> {
        Publishing p = publishing.get();
        return p == null ? Future.succeededFuture() : listenersOf(p).get(type).onActivity(activity);
      });
    }
    builder.on("Join", activity -> {
      Publishing p = publishing.get();
      return p == null ? Future.succeededFuture() : new JoinRefusal(p).onJoin(activity);
    });
    return builder
        .objectDispatcher(PublicationObjectDispatcher.lazy(publishing))
        .inboxPolicy(new InboxPolicy() {
          @Override
          public boolean blocksDomain(String host) {
            Publishing p = publishing.get();
            return p != null && new BlockInboxPolicy(p.blocks).blocksDomain(host);
          }

          @Override
          public boolean blocksActor(URI actorId) {
            Publishing p = publishing.get();
            return p != null && new BlockInboxPolicy(p.blocks).blocksActor(actorId);
          }
        });
  }

  private static Map<String, InboxListener> listenersOf(Publishing p) {
    Map<String, InboxListener> byType = new HashMap<>();
    new PublicationInboxListeners(p.replyService).register(byType::put);
    return byType;
  }

  /** Publishing's way out, through the federation built later ({@code Publisher.publishAll}). */
  public static PublicationFederation publisher(Supplier<Federation> federation) {
    return (actor, activities, alsoWrite) -> federation.get().publisher().publishAll(actor, activities, alsoWrite);
  }
}
