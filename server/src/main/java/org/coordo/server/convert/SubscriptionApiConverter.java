package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.coordo.server.domain.mail.Subscription;

/** Email subscriptions as the admin API shows them (never anywhere else). */
public final class SubscriptionApiConverter {
  private SubscriptionApiConverter() {}

  public static JsonObject subscription(Subscription s) {
    return new JsonObject()
        .put("id", s.id())
        .put("email", s.email())
        .put("scope", s.scope())
        .put("state", s.state().name().toLowerCase(Locale.ROOT))
        .put("language", s.locale())
        .put("frequency", s.frequency().name().toLowerCase(Locale.ROOT))
        .put("eventsOnly", s.eventsOnly())
        .put("cities", new JsonArray(new ArrayList<>(new TreeSet<>(s.cities()))))
        .put("created", s.created().toString())
        .put("confirmed", s.confirmed() == null ? null : s.confirmed().toString());
  }

  /** {@code {subscribers: [...], confirmed: n, next: address|null}}. */
  public static JsonObject page(List<Subscription> items, long confirmed, String next) {
    return new JsonObject()
        .put("subscribers", new JsonArray(items.stream().map(SubscriptionApiConverter::subscription).toList()))
        .put("confirmed", confirmed)
        .put("next", next);
  }
}
