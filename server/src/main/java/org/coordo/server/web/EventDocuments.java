package org.coordo.server.web;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.convert.SummaryFormatter;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.Publication;

/** An event page's schema.org {@code Event} JSON-LD. */
final class EventDocuments {
  private EventDocuments() {}

  /** The JSON-LD, safe to put inside a {@code <script>} element ({@code <} escaped). */
  static String jsonLd(Publication p, PublicationUris uris, String collectiveName) {
    EventDetails e = p.event();
    String url = uris.object(p.key()).toString();
    JsonObject doc = new JsonObject()
        .put("@context", "https://schema.org")
        .put("@type", "Event")
        .put("name", p.title())
        .put("url", url)
        .put("description", SummaryFormatter.summary(p))
        .put("startDate", XsdDateTime.format(e.startTime(), e.timezone()))
        .put("eventStatus", "https://schema.org/" + switch (e.status()) {
          case Cancelled -> "EventCancelled";
          case Postponed -> "EventPostponed";
          case Rescheduled -> "EventRescheduled";
          case MovedOnline -> "EventMovedOnline";
          default -> "EventScheduled";
        })
        .put("organizer", new JsonObject().put("@type", "Organization").put("name", collectiveName)
            .put("url", uris.group(p.collective()).toString()));
    if (e.endTime() != null) {
      doc.put("endDate", XsdDateTime.format(e.endTime(), e.timezone()));
    }
    EventLocation l = e.location();
    boolean place = l != null && l.hasPlace();
    boolean online = l != null && l.onlineUrl() != null;
    doc.put("eventAttendanceMode", "https://schema.org/" + (place && online ? "MixedEventAttendanceMode"
        : online ? "OnlineEventAttendanceMode" : "OfflineEventAttendanceMode"));
    List<JsonObject> locations = new ArrayList<>();
    if (place) {
      JsonObject placeDoc = new JsonObject().put("@type", "Place");
      if (l.name() != null) {
        placeDoc.put("name", l.name());
      }
      String address = l.addressText() != null ? l.addressText() : l.address() != null ? l.address().oneLine() : null;
      if (address != null) {
        placeDoc.put("address", address);
      }
      if (l.latitude() != null) {
        placeDoc.put("geo", new JsonObject().put("@type", "GeoCoordinates").put("latitude", l.latitude())
            .put("longitude", l.longitude()));
      }
      locations.add(placeDoc);
    }
    if (online) {
      locations.add(new JsonObject().put("@type", "VirtualLocation").put("url", l.onlineUrl()));
    }
    if (locations.size() == 1) {
      doc.put("location", locations.get(0));
    } else if (!locations.isEmpty()) {
      doc.put("location", new io.vertx.core.json.JsonArray(new ArrayList<>(locations)));
    }
    return doc.encode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

}
