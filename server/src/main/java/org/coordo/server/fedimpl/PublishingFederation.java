package org.coordo.server.fedimpl;

import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.server.service.publication.PublicationFederation;
import org.coordo.server.service.publication.Publishing;

/**
 * Connects collective publishing and federation, in the two steps the {@link Federation} builder
 * imposes:
 *
 * <pre>
 * AtomicReference&lt;Federation&gt; ref = new AtomicReference&lt;&gt;();
 * Publishing publishing = new Publishing(store, calls, PublishingFederation.publisher(ref::get), …);
 * Federation.Builder builder = Federation.builder(vertx, store, config);
 * PublishingFederation.configure(builder, publishing);   // listeners, object provider, inbox policy
 * ref.set(builder.build());
 * </pre>
 */
public final class PublishingFederation {
  private PublishingFederation() {}

  /** Registers the inbox listeners, the object provider and the blocks as the inbox policy. */
  public static Federation.Builder configure(Federation.Builder builder, Publishing publishing) {
    new PublicationInboxListeners(publishing.replyService).register(builder::on);
    return builder
        .objectProvider(new PublicationObjectProvider(publishing.service, publishing.as))
        .inboxPolicy(new BlockInboxPolicy(publishing.blocks));
  }

  /**
   * Like {@link #configure} for a federation built before publishing exists (the node builds its
   * federation in one module and publishing in a later one): the listeners, object provider and
   * inbox policy delegate to {@code publishing} once it answers non-null, and do nothing before.
   */
  public static Federation.Builder configureLazily(Federation.Builder builder, Supplier<Publishing> publishing) {
    for (String type : new String[] {"Create", "Update", "Delete", "Like", "Announce", "Undo"}) {
      builder.on(type, activity -> {
        Publishing p = publishing.get();
        if (p == null) {
          return io.vertx.core.Future.succeededFuture();
        }
        java.util.List<org.coordo.federation.spi.InboxListener> found = new java.util.ArrayList<>();
        new PublicationInboxListeners(p.replyService).register((t, l) -> {
          if (t.equals(type)) {
            found.add(l);
          }
        });
        return found.get(0).onActivity(activity);
      });
    }
    return builder
        .objectProvider(id -> {
          Publishing p = publishing.get();
          return p == null ? io.vertx.core.Future.succeededFuture(java.util.Optional.empty())
              : new PublicationObjectProvider(p.service, p.as).findObject(id);
        })
        .inboxPolicy(new org.coordo.federation.inbox.InboxPolicy() {
          @Override
          public boolean blocksDomain(String host) {
            Publishing p = publishing.get();
            return p != null && p.blocks.isDomainBlocked(host);
          }

          @Override
          public boolean blocksActor(java.net.URI actorId) {
            Publishing p = publishing.get();
            return p != null && actorId != null && p.blocks.isAccountBlocked(actorId.toString());
          }
        });
  }

  /** Publishing's way out, through the federation built later ({@code Publisher.publish}). */
  public static PublicationFederation publisher(Supplier<Federation> federation) {
    return (actor, activity, alsoWrite) -> federation.get().publisher().publish(actor, activity, alsoWrite);
  }
}
