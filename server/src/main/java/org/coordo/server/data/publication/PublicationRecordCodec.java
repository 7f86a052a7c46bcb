package org.coordo.server.data.publication;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.data.actionday.ActionDayCodec;
import org.coordo.server.domain.Audience;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.MinutesDetails;
import org.coordo.server.domain.publication.PostalAddress;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;

/** The storage form of publications: compact JSON, times as epoch millis. Not an API format. */
final class PublicationRecordCodec {
  private PublicationRecordCodec() {}

  static byte[] encode(Publication p) {
    JsonObject j = new JsonObject()
        .put("v", 1)
        .put("id", p.id())
        .put("collective", p.collective())
        .put("kind", p.kind().name())
        .put("state", p.state().name())
        .put("author", p.authorName())
        .put("title", p.title())
        .put("summary", p.summaryText())
        .put("source", p.contentSource())
        .put("html", p.contentHtml())
        .put("lang", p.language())
        .put("created", millis(p.createdAt()))
        .put("published", millis(p.publishedAt()))
        .put("updated", millis(p.updatedAt()))
        .put("deleted", millis(p.deletedAt()));
    if (p.asCollective()) {
      j.put("asCollective", true);
    }
    if (p.isMembersOnly()) {
      j.put("audience", p.audience().name()); // absent: public (every record written before issue 16)
    }
    JsonArray media = new JsonArray();
    for (MediaRef m : p.attachments()) {
      media.add(encodeMedia(m));
    }
    j.put("attachments", media);
    if (p.minutes() != null) {
      MinutesDetails m = p.minutes();
      j.put("minutes", new JsonObject()
          .put("date", m.assemblyDate() == null ? null : m.assemblyDate().toString())
          .put("place", m.place())
          .put("attendance", m.attendance())
          .put("decisions", new JsonArray(new ArrayList<>(m.decisions()))));
    }
    if (p.event() != null) {
      EventDetails e = p.event();
      JsonObject ej = new JsonObject()
          .put("start", millis(e.startTime()))
          .put("end", millis(e.endTime()))
          .put("tz", e.timezone().getId())
          .put("status", e.status().name())
          .put("category", e.category() == null ? null : e.category().name());
      if (e.actionDay() != null) {
        ej.put("actionDay", e.actionDay());
      }
      if (e.location() != null) {
        EventLocation l = e.location();
        JsonObject lj = new JsonObject()
            .put("name", l.name())
            .put("text", l.addressText())
            .put("lat", l.latitude())
            .put("lon", l.longitude())
            .put("online", l.onlineUrl());
        if (l.address() != null) {
          PostalAddress a = l.address();
          lj.put("address", new JsonObject()
              .put("street", a.streetAddress())
              .put("postalCode", a.postalCode())
              .put("locality", a.addressLocality())
              .put("region", a.addressRegion())
              .put("country", a.addressCountry()));
        }
        ej.put("location", lj);
      }
      j.put("event", ej);
    }
    if (p.actionDay() != null) {
      j.put("actionDay", ActionDayCodec.encode(p.actionDay()));
    }
    return j.toBuffer().getBytes();
  }

  static Publication decode(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    List<MediaRef> media = new ArrayList<>();
    for (Object o : j.getJsonArray("attachments", new JsonArray())) {
      media.add(decodeMedia((JsonObject) o));
    }
    MinutesDetails minutes = null;
    JsonObject mj = j.getJsonObject("minutes");
    if (mj != null) {
      List<String> decisions = new ArrayList<>();
      for (Object d : mj.getJsonArray("decisions", new JsonArray())) {
        decisions.add((String) d);
      }
      minutes = new MinutesDetails(
          mj.getString("date") == null ? null : LocalDate.parse(mj.getString("date")),
          mj.getString("place"), mj.getString("attendance"), decisions);
    }
    EventDetails event = null;
    JsonObject ej = j.getJsonObject("event");
    if (ej != null) {
      EventLocation location = null;
      JsonObject lj = ej.getJsonObject("location");
      if (lj != null) {
        PostalAddress address = null;
        JsonObject aj = lj.getJsonObject("address");
        if (aj != null) {
          address = new PostalAddress(aj.getString("street"), aj.getString("postalCode"),
              aj.getString("locality"), aj.getString("region"), aj.getString("country"));
        }
        location = new EventLocation(lj.getString("name"), lj.getString("text"), address,
            lj.getDouble("lat"), lj.getDouble("lon"), lj.getString("online"));
      }
      event = new EventDetails(
          instant(ej.getLong("start")), instant(ej.getLong("end")), ZoneId.of(ej.getString("tz")), location,
          EventStatus.valueOf(ej.getString("status")),
          // Records written before Coordo had its own categories hold Mobilizon names: read them mapped.
          EventCategory.fromStored(ej.getString("category")).orElse(null), ej.getString("actionDay"));
    }
    return new Publication(
        j.getString("id"), j.getString("collective"), PublicationKind.valueOf(j.getString("kind")),
        PublicationState.valueOf(j.getString("state")), j.getString("author"), j.getString("title"),
        j.getString("summary"), j.getString("source"), j.getString("html"), j.getString("lang"),
        instant(j.getLong("created")), instant(j.getLong("published")), instant(j.getLong("updated")),
        instant(j.getLong("deleted")), media, minutes, event,
        // absent in records written before "as the collective" existed: they name their author
        Boolean.TRUE.equals(j.getBoolean("asCollective", false)),
        j.getString("audience") == null ? Audience.PUBLIC : Audience.valueOf(j.getString("audience")),
        ActionDayCodec.decode(j.getJsonObject("actionDay")));
  }

  static JsonObject encodeMedia(MediaRef m) {
    return new JsonObject()
        .put("hash", m.hash())
        .put("ext", m.extension())
        .put("type", m.mediaType())
        .put("size", m.size())
        .put("name", m.name());
  }

  static MediaRef decodeMedia(JsonObject o) {
    return new MediaRef(o.getString("hash"), o.getString("ext"), o.getString("type"), o.getLong("size", 0L),
        o.getString("name"));
  }

  private static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
