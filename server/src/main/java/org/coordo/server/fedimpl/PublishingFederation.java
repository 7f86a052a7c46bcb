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

  /** Publishing's way out, through the federation built later ({@code Publisher.publish}). */
  public static PublicationFederation publisher(Supplier<Federation> federation) {
    return (actor, activity, alsoWrite) -> federation.get().publisher().publish(actor, activity, alsoWrite);
  }
}
