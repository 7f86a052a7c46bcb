package org.coordo.federation.spi;

import java.net.URI;

/**
 * Who may deliver to this node; the server supplies it from its moderation settings. Consulted on a
 * worker thread after the signature was verified (so it may read storage); a blocked sender gets 403
 * and nothing is stored.
 */
public interface InboxPolicy {

  /** Everything allowed. */
  InboxPolicy ALLOW_ALL = new InboxPolicy() {};

  /** Whether every actor of this host (lower case, without port) is refused. */
  default boolean blocksDomain(String host) {
    return false;
  }

  /** Whether this one actor is refused. */
  default boolean blocksActor(URI actorId) {
    return false;
  }
}
