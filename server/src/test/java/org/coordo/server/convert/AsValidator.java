package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.coordo.federation.vocab.As;

/** Checks an ActivityStreams document the way a careful receiving server would. */
public final class AsValidator {
  private AsValidator() {}

  /** @context has the AS context (first), id is absolute http(s), type is the expected one. */
  public static void document(JsonObject doc, String type) {
    Object context = doc.getValue("@context");
    assertNotNull(context, "@context");
    if (context instanceof JsonArray array) {
      assertEquals(As.ACTIVITYSTREAMS, array.getValue(0), "the AS context comes first");
      for (Object o : array) {
        assertTrue(o instanceof String || o instanceof JsonObject, "context entries are IRIs or inline maps");
        if (o instanceof String s) {
          assertTrue(s.equals(As.ACTIVITYSTREAMS) || s.equals(As.SECURITY_V1), "no remote context: " + s);
        }
      }
    } else {
      assertEquals(As.ACTIVITYSTREAMS, context);
    }
    object(doc, type);
    dateTimes(doc);
  }

  private static final java.util.regex.Pattern XSD_DATE_TIME =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final java.util.Set<String> DATE_TIME_TERMS =
      java.util.Set.of("published", "updated", "deleted", "startTime", "endTime");

  /**
   * Every date-time anywhere in the document (embedded objects included) is a full {@code xsd:dateTime}:
   * seconds present, an offset. Strict parsers (Fedify's) refuse {@code 2027-01-16T17:00+01:00}.
   */
  public static void dateTimes(Object value) {
    if (value instanceof JsonObject o) {
      for (var e : o) {
        if (DATE_TIME_TERMS.contains(e.getKey()) && e.getValue() instanceof String s) {
          assertTrue(XSD_DATE_TIME.matcher(s).matches(), e.getKey() + " is a full xsd:dateTime: " + s);
        } else {
          dateTimes(e.getValue());
        }
      }
    } else if (value instanceof JsonArray a) {
      a.forEach(AsValidator::dateTimes);
    }
  }

  /** An embedded object: absolute id, expected type. */
  public static void object(JsonObject o, String type) {
    String id = o.getString("id");
    assertNotNull(id, "id");
    URI uri = URI.create(id);
    assertTrue(uri.isAbsolute() && uri.getHost() != null, "absolute id: " + id);
    assertTrue(uri.getScheme().equals("https") || uri.getScheme().equals("http"), "http(s) id: " + id);
    assertEquals(type, o.getString("type"), "type");
  }

  /** A publication object (Article or Event) addressed as the collective's. */
  public static void publication(JsonObject o, String type, String group) {
    object(o, type);
    assertFalse(o.getString("name", "").isBlank(), "name");
    assertFalse(o.getString("summary", "").isBlank(), "summary (what Mastodon shows)");
    assertTrue(o.getJsonArray("to").contains(As.PUBLIC), "to Public");
    assertTrue(As.idsOf(o, "attributedTo").contains(group), "attributedTo the group");
    assertEquals(group, o.getString("audience"), "audience");
    assertTrue(As.idsOf(o, "cc").contains(group + "/followers"), "cc followers");
    if (type.equals("Event")) {
      event(o);
    }
  }

  /** FEP-8a8e: name, startTime, endTime after start (or none), organizers, a valid timezone. */
  public static void event(JsonObject o) {
    OffsetDateTime start = OffsetDateTime.parse(o.getString("startTime"));
    if (o.getString("endTime") != null) {
      assertTrue(OffsetDateTime.parse(o.getString("endTime")).isAfter(start), "endTime after startTime");
    }
    assertFalse(As.idsOf(o, "organizers").isEmpty(), "organizers");
    if (o.getString("timezone") != null) {
      assertNotNull(ZoneId.of(o.getString("timezone")));
    }
    if (o.getValue("location") instanceof JsonObject place && "Place".equals(place.getString("type"))) {
      Object address = place.getValue("address");
      assertTrue(address == null || address instanceof String
          || "PostalAddress".equals(((JsonObject) address).getString("type")), "address text or PostalAddress");
    }
  }
}
