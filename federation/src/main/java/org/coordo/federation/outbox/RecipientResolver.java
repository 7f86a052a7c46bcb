package org.coordo.federation.outbox;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Objects;

/**
 * Finds where to deliver to a remote actor named in an activity's addressing. The federation facade
 * adapts the remote actor resolver to it (cache first, then a signed fetch).
 */
@FunctionalInterface
public interface RecipientResolver {

  /** A remote actor's inbox and, when it has one, its shared inbox. */
  record Inboxes(URI inbox, URI sharedInbox) {
    public Inboxes {
      Objects.requireNonNull(inbox, "inbox");
    }
  }

  /** The actor's inboxes; fails when the id cannot be resolved to an actor with an inbox. */
  Future<Inboxes> inboxesOf(URI actorId);
}
