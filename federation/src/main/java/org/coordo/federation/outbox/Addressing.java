package org.coordo.federation.outbox;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.coordo.federation.vocab.As;

/** Pure helpers over an activity's addressing ({@code to}, {@code cc}, {@code bto}, {@code bcc}, {@code audience}). */
public final class Addressing {
  /** Every property that names recipients. */
  public static final List<String> PROPERTIES = List.of("to", "cc", "bto", "bcc", "audience");
  /** The blind ones: used for delivery, never stored or delivered. */
  public static final List<String> BLIND = List.of("bto", "bcc");

  private Addressing() {}

  /** Every distinct recipient id, in order of appearance. */
  public static Set<String> recipients(JsonObject activity) {
    Set<String> out = new LinkedHashSet<>();
    for (String property : PROPERTIES) {
      out.addAll(As.idsOf(activity, property));
    }
    return out;
  }

  /** Whether the public collection is named anywhere (public and unlisted activities). */
  public static boolean isPublicOrUnlisted(JsonObject activity) {
    for (String id : recipients(activity)) {
      if (As.isPublicId(id)) {
        return true;
      }
    }
    return false;
  }

  /** The activity without {@code bto} and {@code bcc}, also on an embedded object (a copy). */
  public static JsonObject withoutBlind(JsonObject activity) {
    JsonObject copy = activity.copy();
    BLIND.forEach(copy::remove);
    if (copy.getValue("object") instanceof JsonObject object) {
      BLIND.forEach(object::remove);
    }
    return copy;
  }
}
