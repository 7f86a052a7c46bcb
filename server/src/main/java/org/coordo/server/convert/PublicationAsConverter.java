package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.coordo.federation.vocab.As;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.MinutesDetails;
import org.coordo.server.domain.publication.PostalAddress;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.text.PlainText;

/**
 * Publication → ActivityStreams ({@code Article} for calls and minutes, {@code Event} per FEP-8a8e
 * for events, {@code Tombstone} once deleted). The mapping, and why, is in docs/FEDIVERSE-MAPPING.md.
 */
public final class PublicationAsConverter {
  private final PublicationUris uris;

  public PublicationAsConverter(PublicationUris uris) {
    this.uris = uris;
  }

  public PublicationUris uris() {
    return uris;
  }

  /** The full document, {@code @context} included; a tombstone for a deleted publication. */
  public JsonObject toDocument(Publication p) {
    JsonObject doc = p.isDeleted() ? toTombstone(p) : toObject(p);
    JsonObject out = new JsonObject().put("@context", AsContext.publication());
    doc.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The object without {@code @context} (for embedding in an activity). */
  public JsonObject toObject(Publication p) {
    String id = uris.object(p.key()).toString();
    String group = uris.group(p.collective()).toString();
    String lang = p.language() == null ? "fr" : p.language();
    String summary = SummaryFormatter.summary(p);
    String content = contentHtml(p);
    JsonObject o = new JsonObject()
        .put("id", id)
        .put("type", p.kind().asType())
        .put("url", id)
        .put("name", p.title())
        .put("summary", summary)
        .put("summaryMap", new JsonObject().put(lang, summary))
        .put("content", content)
        .put("contentMap", new JsonObject().put(lang, content))
        .put("mediaType", "text/html")
        .put("source", new JsonObject().put("content", p.contentSource() == null ? "" : p.contentSource())
            .put("mediaType", "text/markdown"))
        .put("attributedTo", attributedTo(p, group))
        .put("audience", group)
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(uris.followers(p.collective()).toString()))
        .put("sensitive", false)
        .put("publicationKind", p.kind().segment())
        .put("replies", uris.replies(p.key()).toString());
    if (p.publishedAt() != null) {
      o.put("published", time(p.publishedAt()));
    }
    if (p.updatedAt() != null) {
      o.put("updated", time(p.updatedAt()));
    }
    JsonArray attachments = new JsonArray();
    for (MediaRef m : p.attachments()) {
      attachments.add(attachment(m));
    }
    if (!attachments.isEmpty()) {
      o.put("attachment", attachments);
      p.attachments().stream().filter(MediaRef::isImage).findFirst()
          .ifPresent(img -> o.put("image", attachment(img)));
    }
    if (p.kind() == PublicationKind.MINUTES && p.minutes() != null) {
      MinutesDetails m = p.minutes();
      if (m.assemblyDate() != null) {
        o.put("assemblyDate", m.assemblyDate().toString());
      }
      putIfPresent(o, "assemblyPlace", m.place());
      putIfPresent(o, "attendance", m.attendance());
      if (!m.decisions().isEmpty()) {
        o.put("decisions", new JsonArray(new java.util.ArrayList<>(m.decisions())));
      }
    }
    if (p.kind() == PublicationKind.EVENT && p.event() != null) {
      putEvent(o, p.event(), group);
      if (p.event().actionDay() != null) {
        ActionDayAsConverter.putLink(o, p.event().actionDay());
      }
    }
    if (p.actionDay() != null) {
      ActionDayAsConverter.putDay(o, p.actionDay());
    }
    if (p.kind() == PublicationKind.CALL) {
      // co-signed calls (issue 17): served embedded by the object dispatcher (SignatoriesAsConverter)
      o.put("signatories", uris.signatories(p.key()).toString());
    }
    return o;
  }

  /**
   * The member and the collective; the collective alone for a publication published as the
   * collective (its author is named nowhere outside the members' space).
   */
  private JsonArray attributedTo(Publication p, String group) {
    JsonArray to = new JsonArray();
    if (p.publicAuthor() != null) {
      to.add(uris.person(p.publicAuthor()).toString());
    }
    return to.add(group);
  }

  /** What a deleted publication's URL answers (with 410 Gone). */
  public JsonObject toTombstone(Publication p) {
    JsonObject t = new JsonObject()
        .put("id", uris.object(p.key()).toString())
        .put("type", "Tombstone")
        .put("formerType", p.kind().asType());
    if (p.publishedAt() != null) {
      t.put("published", time(p.publishedAt()));
    }
    if (p.deletedAt() != null) {
      t.put("deleted", time(p.deletedAt()));
      t.put("updated", time(p.deletedAt()));
    }
    return t;
  }

  public static JsonObject attachment(PublicationUris uris, MediaRef m) {
    JsonObject a = new JsonObject()
        .put("type", m.isImage() ? "Image" : "Document")
        .put("mediaType", m.mediaType())
        .put("url", uris.media(m).toString());
    if (m.name() != null && !m.name().isBlank()) {
      a.put("name", m.name());
    }
    return a;
  }

  private JsonObject attachment(MediaRef m) {
    return attachment(uris, m);
  }

  /** The HTML content; minutes also carry their date, attendance and decisions in it, for readers that ignore our terms. */
  private static String contentHtml(Publication p) {
    String html = p.contentHtml() == null ? "" : p.contentHtml();
    if (p.kind() != PublicationKind.MINUTES || p.minutes() == null) {
      return html;
    }
    MinutesDetails m = p.minutes();
    boolean fr = p.language() == null || p.language().startsWith("fr");
    StringBuilder extra = new StringBuilder();
    if (m.attendance() != null && !m.attendance().isBlank()) {
      extra.append("<p><strong>").append(fr ? "Présences" : "Attendance").append(" :</strong> ")
          .append(PlainText.escapeHtml(m.attendance())).append("</p>");
    }
    if (!m.decisions().isEmpty()) {
      extra.append("<h2>").append(fr ? "Décisions" : "Decisions").append("</h2><ul>");
      for (String d : m.decisions()) {
        extra.append("<li>").append(PlainText.escapeHtml(d)).append("</li>");
      }
      extra.append("</ul>");
    }
    return html + extra;
  }

  private static void putEvent(JsonObject o, EventDetails e, String group) {
    o.put("startTime", XsdDateTime.format(e.startTime(), e.timezone()))
        .put("timezone", e.timezone().getId())
        .put("eventStatus", e.status().name())
        .put("ical:status", icalStatus(e.status()))
        .put("organizers", new JsonArray().add(group));
    if (e.endTime() != null) {
      o.put("endTime", XsdDateTime.format(e.endTime(), e.timezone()));
    }
    if (e.category() != null) {
      o.put("category", e.category().mobilizon()).put("eventCategory", e.category().name());
    }
    EventLocation l = e.location();
    if (l != null) {
      JsonArray locations = new JsonArray();
      if (l.hasPlace()) {
        JsonObject place = new JsonObject().put("type", "Place");
        putIfPresent(place, "name", l.name() != null ? l.name() : l.addressText());
        if (l.address() != null) {
          PostalAddress a = l.address();
          JsonObject addr = new JsonObject().put("type", "PostalAddress");
          putIfPresent(addr, "streetAddress", a.streetAddress());
          putIfPresent(addr, "postalCode", a.postalCode());
          putIfPresent(addr, "addressLocality", a.addressLocality());
          putIfPresent(addr, "addressRegion", a.addressRegion());
          putIfPresent(addr, "addressCountry", a.addressCountry());
          place.put("address", addr);
        } else if (l.addressText() != null) {
          place.put("address", l.addressText());
        }
        if (l.latitude() != null && l.longitude() != null) {
          place.put("latitude", l.latitude()).put("longitude", l.longitude());
        }
        locations.add(place);
      }
      if (l.onlineUrl() != null) {
        locations.add(new JsonObject().put("type", "VirtualLocation").put("url", l.onlineUrl()));
      }
      if (locations.size() == 1) {
        o.put("location", locations.getValue(0));
      } else if (locations.size() > 1) {
        o.put("location", locations);
      }
      o.put("isOnline", l.onlineUrl() != null && !l.hasPlace());
    }
  }

  private static String icalStatus(EventStatus s) {
    return switch (s) {
      case Cancelled -> "CANCELLED";
      case Tentative, Postponed -> "TENTATIVE";
      default -> "CONFIRMED";
    };
  }

  private static void putIfPresent(JsonObject o, String key, String value) {
    if (value != null && !value.isBlank()) {
      o.put(key, value);
    }
  }

  static String time(Instant t) {
    return XsdDateTime.format(t);
  }
}
