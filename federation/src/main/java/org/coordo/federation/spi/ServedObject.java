package org.coordo.federation.spi;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What an {@link ObjectDispatcher} answers for one of the server's objects: its ActivityStreams
 * document and the status it is served with (200, or 410 with a {@code Tombstone}).
 */
public record ServedObject(int status, JsonObject document) {
  public ServedObject {
    if (status != 200 && status != 410) {
      throw new IllegalArgumentException("an object is served with 200 or 410, not " + status);
    }
    Objects.requireNonNull(document, "document");
  }

  /** A live object, served 200. */
  public static ServedObject found(JsonObject document) {
    return new ServedObject(200, document);
  }

  /** A deleted object's {@code Tombstone}, served 410 Gone. */
  public static ServedObject gone(JsonObject tombstone) {
    return new ServedObject(410, tombstone);
  }
}
