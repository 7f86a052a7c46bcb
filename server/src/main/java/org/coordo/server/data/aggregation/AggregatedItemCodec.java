package org.coordo.server.data.aggregation;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.coordo.server.data.actionday.ActionDayCodec;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;

/**
 * Stored form of an {@link AggregatedItem}: compact JSON, absent fields omitted, times as
 * {@link Instant#toString()}. Decoding is on the agenda's read path (every listed item), so it parses the
 * stored bytes directly (no intermediate {@code String}) and reads times with {@link #instant(String)}.
 */
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
      put(ev, "actionDay", e.actionDay());
      if (e.latitude() != null) {
        ev.put("latitude", e.latitude()).put("longitude", e.longitude());
      }
      j.put("event", ev);
    }
    if (i.actionDay() != null) {
      j.put("actionDay", ActionDayCodec.encode(i.actionDay()));
    }
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }

  static AggregatedItem decode(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    JsonObject ev = j.getJsonObject("event");
    AggregatedEvent event = ev == null ? null : new AggregatedEvent(
        instant(ev.getString("startTime")), instant(ev, "endTime"), ev.getString("timezone"),
        ev.getString("location"), ev.getDouble("latitude"), ev.getDouble("longitude"), ev.getString("onlineUrl"),
        ev.getString("eventStatus"), ev.getString("category"), ev.getString("actionDay"));
    return new AggregatedItem(j.getString("id"), AggregatedKind.parse(j.getString("kind")).orElseThrow(),
        j.getString("city"), j.getString("cityName"), j.getString("host"), j.getString("groupId"),
        j.getString("name"), j.getString("summary"), j.getString("contentHtml"), j.getString("url"),
        instant(j.getString("published")), instant(j, "updated"), j.getInteger("sequence", 0), event,
        instant(j, "receivedAt"), ActionDayCodec.decode(j.getJsonObject("actionDay")));
  }

  private static Instant instant(JsonObject j, String key) {
    String s = j.getString(key);
    return s == null ? null : instant(s);
  }

  /**
   * {@link Instant#parse} with a fast path for what {@link Instant#toString()} writes for years 0000-9999:
   * {@code 2026-03-14T18:00:00Z}, with or without a fraction of 1 to 9 digits. Anything else, and any
   * field out of range, goes to {@link Instant#parse} (same result, same errors).
   */
  static Instant instant(String s) {
    int n = s.length();
    if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && s.charAt(19) != '.')) {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return Instant.parse(s);
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return Instant.parse(s);
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return Instant.parse(s);
    }
  }

  /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void put(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value.toString());
    }
  }
}
