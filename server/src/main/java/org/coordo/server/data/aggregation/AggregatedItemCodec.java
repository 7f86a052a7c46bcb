package org.coordo.server.data.aggregation;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;

/** Stored form of an {@link AggregatedItem}: compact JSON, absent fields omitted. */
final class AggregatedItemCodec {
  private AggregatedItemCodec() {}

  static byte[] encode(AggregatedItem i) {
    JsonObject j = new JsonObject()
        .put("id", i.id()).put("kind", i.kind().id()).put("city", i.city()).put("groupId", i.groupId())
        .put("name", i.name()).put("contentHtml", i.contentHtml())
        .put("published", i.published().toString()).put("sequence", i.sequence());
    put(j, "cityName", i.cityName());
    put(j, "host", i.host());
    put(j, "summary", i.summary());
    put(j, "url", i.url());
    put(j, "updated", i.updated());
    put(j, "receivedAt", i.receivedAt());
    AggregatedEvent e = i.event();
    if (e != null) {
      JsonObject ev = new JsonObject().put("startTime", e.startTime().toString()).put("timezone", e.timezone())
          .put("eventStatus", e.eventStatus());
      put(ev, "endTime", e.endTime());
      put(ev, "location", e.location());
      put(ev, "onlineUrl", e.onlineUrl());
      put(ev, "category", e.category());
      if (e.latitude() != null) {
        ev.put("latitude", e.latitude()).put("longitude", e.longitude());
      }
      j.put("event", ev);
    }
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }

  static AggregatedItem decode(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    JsonObject ev = j.getJsonObject("event");
    AggregatedEvent event = ev == null ? null : new AggregatedEvent(
        Instant.parse(ev.getString("startTime")), instant(ev, "endTime"), ev.getString("timezone"),
        ev.getString("location"), ev.getDouble("latitude"), ev.getDouble("longitude"), ev.getString("onlineUrl"),
        ev.getString("eventStatus"), ev.getString("category"));
    return new AggregatedItem(j.getString("id"), AggregatedKind.parse(j.getString("kind")).orElseThrow(),
        j.getString("city"), j.getString("cityName"), j.getString("host"), j.getString("groupId"),
        j.getString("name"), j.getString("summary"), j.getString("contentHtml"), j.getString("url"),
        Instant.parse(j.getString("published")), instant(j, "updated"), j.getInteger("sequence", 0), event,
        instant(j, "receivedAt"));
  }

  private static Instant instant(JsonObject j, String key) {
    String s = j.getString(key);
    return s == null ? null : Instant.parse(s);
  }

  private static void put(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value.toString());
    }
  }
}
