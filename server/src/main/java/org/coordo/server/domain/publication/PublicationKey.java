package org.coordo.server.domain.publication;

/** Names one publication: collective, kind and id (its URL path). */
public record PublicationKey(String collective, PublicationKind kind, String id) {
  /** {@code collective/segment/id}: the stable text form, used in reply and reaction indexes. */
  public String path() {
    return collective + "/" + kind.segment() + "/" + id;
  }

  public static PublicationKey parsePath(String path) {
    String[] parts = path.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a publication path");
    }
    PublicationKind kind =
        PublicationKind.fromSegment(parts[1]).orElseThrow(() -> new IllegalArgumentException("unknown kind"));
    return new PublicationKey(parts[0], kind, parts[2]);
  }
}
