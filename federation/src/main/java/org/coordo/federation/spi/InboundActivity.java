package org.coordo.federation.spi;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * An inbound activity that passed the whole receive pipeline: its signature was verified, its
 * signer owns its actor, embedded objects were checked for origin, and it was not seen before.
 *
 * @param activity the activity as received (embedded object possibly replaced by the refetched one)
 * @param type the activity type ({@code Create}, {@code Follow}, …)
 * @param actor the actor id, the signer's actor
 * @param recipients local actor names it was addressed to (by inbox, or by to/cc/audience/followers)
 * @param receivedAt when it was accepted
 */
public record InboundActivity(
    JsonObject activity, String type, URI actor, Set<String> recipients, Instant receivedAt) {

  /** The {@code object} as an embedded JSON object, or null when it is a bare id. */
  public JsonObject objectAsJson() {
    Object o = activity.getValue("object");
    return o instanceof JsonObject j ? j : null;
  }

  /** The {@code object} id, whether embedded or bare. */
  public String objectId() {
    Object o = activity.getValue("object");
    if (o instanceof JsonObject j) {
      return j.getString("id");
    }
    return o instanceof String s ? s : null;
  }
}
