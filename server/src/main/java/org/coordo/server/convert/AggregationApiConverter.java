package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.storage.Cursor;

/** Aggregated items → JSON API documents. */
public final class AggregationApiConverter {
  private AggregationApiConverter() {}

  public static JsonObject toJson(AggregatedItem i) {
    JsonObject j = new JsonObject()
        .put("id", i.id())
        .put("kind", i.kind().id())
        .put("city", i.city())
        .put("cityName", i.cityName())
        .put("host", i.host())
        .put("group", i.groupId())
        .put("name", i.name())
        .put("summary", i.summary())
        .put("content", i.contentHtml())
        .put("url", i.url())
        .put("published", i.published().toString())
        .put("updated", i.updated() == null ? null : i.updated().toString())
        .put("sequence", i.sequence());
    AggregatedEvent e = i.event();
    if (e != null) {
      ZoneId zone = ZoneId.of(e.timezone());
      j.put("event", new JsonObject()
          .put("startTime", local(e.startTime(), zone))
          .put("endTime", e.endTime() == null ? null : local(e.endTime(), zone))
          .put("timezone", e.timezone())
          .put("location", e.location())
          .put("latitude", e.latitude())
          .put("longitude", e.longitude())
          .put("onlineUrl", e.onlineUrl())
          .put("eventStatus", e.eventStatus())
          // items stored before Coordo had its own categories hold a Mobilizon name: answer the Coordo one
          .put("category", e.category() == null ? null
              : EventCategory.fromStored(e.category()).map(Enum::name).orElse(e.category())));
    }
    return j;
  }

  /** {@code {"items": [...], "next": cursor or null}}. */
  public static JsonObject page(List<AggregatedItem> items, Optional<Cursor> next) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(toJson(i)));
    return new JsonObject().put("items", out).put("next", next.map(Cursor::encode).orElse(null));
  }

  private static String local(Instant t, ZoneId zone) {
    return XsdDateTime.format(t, zone);
  }
}
