package org.coordo.federation.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What one delivery job asks: POST this stored activity, signed by this local actor, to this inbox.
 * Stored unsigned (the signature is made at send time, with a fresh date).
 *
 * <p>Payload codec: UTF-8 JSON {@code {"activity": "<activity id URI>", "actor": "<local name>",
 * "inbox": "<inbox URL>"}}. Unknown fields are ignored, so later versions may add some.
 */
public record DeliveryJob(URI activityId, String actorName, URI inbox) {

  public DeliveryJob {
    Objects.requireNonNull(activityId, "activityId");
    Objects.requireNonNull(actorName, "actorName");
    Objects.requireNonNull(inbox, "inbox");
  }

  public byte[] encode() {
    return new JsonObject()
        .put("activity", activityId.toString())
        .put("actor", actorName)
        .put("inbox", inbox.toString())
        .toBuffer()
        .getBytes();
  }

  /** Decodes a payload; throws {@link IllegalArgumentException} when it is not one of ours. */
  public static DeliveryJob decode(byte[] payload) {
    try {
      JsonObject json = new JsonObject(Buffer.buffer(payload));
      return new DeliveryJob(
          URI.create(json.getString("activity")), json.getString("actor"), URI.create(json.getString("inbox")));
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a delivery job payload", e);
    }
  }

  /** The inbox's {@code host[:port]}, lower case: the unit of concurrency limits and host health. */
  public String host() {
    return hostOf(inbox);
  }

  public static String hostOf(URI uri) {
    String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
    host = host.toLowerCase(Locale.ROOT);
    return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
  }
}
