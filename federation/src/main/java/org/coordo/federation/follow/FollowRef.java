package org.coordo.federation.follow;

import java.net.URI;

/**
 * Which relation a Follow activity id belongs to.
 *
 * @param direction {@link Direction#FOLLOWER}: a remote actor follows {@code localName};
 *     {@link Direction#FOLLOWING}: {@code localName} follows the remote actor
 */
public record FollowRef(Direction direction, String localName, URI remoteActor) {

  public enum Direction {
    FOLLOWER,
    FOLLOWING
  }
}
