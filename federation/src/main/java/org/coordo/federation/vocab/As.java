package org.coordo.federation.vocab;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ActivityStreams constants (contexts, media types, public addressing) and small pure JSON helpers
 * for the lenient reading that real servers require (a property may be one value or an array, an
 * object may be embedded or given by its id).
 */
public final class As {
  private As() {}

  public static final String ACTIVITYSTREAMS = "https://www.w3.org/ns/activitystreams";
  public static final String SECURITY_V1 = "https://w3id.org/security/v1";
  /** Coordo's own extension namespace; independent of any node's public URL. */
  public static final String COORDO_NS = "https://coordo.org/ns#";
  public static final String TOOT_NS = "http://joinmastodon.org/ns#";
  public static final String SCHEMA_NS = "http://schema.org#";

  /** The public collection, in its canonical form and the two short forms servers also send. */
  public static final String PUBLIC = ACTIVITYSTREAMS + "#Public";
  public static final Set<String> PUBLIC_FORMS = Set.of(PUBLIC, "as:Public", "Public");

  /** What we serve. */
  public static final String MEDIA_TYPE = "application/activity+json";
  public static final String CONTENT_TYPE = "application/activity+json; charset=utf-8";
  /** The JSON-LD form of the ActivityStreams media type. */
  public static final String LD_MEDIA_TYPE = "application/ld+json";
  public static final String LD_CONTENT_TYPE =
      "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
  public static final String JRD_CONTENT_TYPE = "application/jrd+json; charset=utf-8";

  /**
   * The inline term map declared in every document we serve: the extension terms Mastodon reads,
   * and the {@code coordo:} prefix for our own terms. Inline, never a remote context URL.
   */
  public static JsonObject termMap() {
    return new JsonObject()
        .put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers")
        .put("toot", TOOT_NS)
        .put("discoverable", "toot:discoverable")
        .put("indexable", "toot:indexable")
        .put("featured", new JsonObject().put("@id", "toot:featured").put("@type", "@id"))
        .put("schema", SCHEMA_NS)
        .put("PropertyValue", "schema:PropertyValue")
        .put("value", "schema:value")
        .put("coordo", COORDO_NS);
  }

  /** {@code [activitystreams, security/v1, {term map}]}: a fresh copy, safe to extend. */
  public static JsonArray context() {
    return new JsonArray().add(ACTIVITYSTREAMS).add(SECURITY_V1).add(termMap());
  }

  /**
   * A property read leniently: absent or null → empty, an array → its non-null elements, any
   * other value → a one-element list. Elements are {@code String}, {@code JsonObject}, numbers…
   */
  public static List<Object> oneOrMany(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof JsonArray array) {
      List<Object> out = new ArrayList<>(array.size());
      for (Object o : array) {
        if (o != null) {
          out.add(o);
        }
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof List<?> list) {
      return oneOrMany(new JsonArray(new ArrayList<>(list)));
    }
    return List.of(value);
  }

  /** {@link #oneOrMany} of a property of {@code json}. */
  public static List<Object> oneOrMany(JsonObject json, String property) {
    return json == null ? List.of() : oneOrMany(json.getValue(property));
  }

  /** The id of a reference given as a string or as an object with {@code id}; null otherwise. */
  public static String idOf(Object reference) {
    if (reference instanceof String s) {
      return s.isBlank() ? null : s;
    }
    if (reference instanceof JsonObject o) {
      Object id = o.getValue("id");
      return id instanceof String s && !s.isBlank() ? s : null;
    }
    return null;
  }

  /** The ids of every reference of a property (string or object, one or many), in order. */
  public static List<String> idsOf(JsonObject json, String property) {
    List<String> out = new ArrayList<>();
    for (Object o : oneOrMany(json, property)) {
      String id = idOf(o);
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }

  /** The {@code type} of an object (the first one when several are given), or null. */
  public static String typeOf(JsonObject json) {
    for (Object t : oneOrMany(json, "type")) {
      if (t instanceof String s) {
        return s;
      }
    }
    return null;
  }

  /** Whether the id names the public collection (in any of its accepted forms). */
  public static boolean isPublicId(String id) {
    return id != null && PUBLIC_FORMS.contains(id);
  }

  /** Whether an activity (or object) is addressed to the public in {@code to} or {@code cc}. */
  public static boolean isPublic(JsonObject activity) {
    for (String property : List.of("to", "cc")) {
      for (String id : idsOf(activity, property)) {
        if (isPublicId(id)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a media type (a Content-Type or one Accept entry, parameters allowed) names
   * ActivityStreams: {@code application/activity+json}, or {@code application/ld+json} with any
   * profile (or none).
   */
  public static boolean isActivityStreamsMediaType(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    String essence = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return essence.equals(MEDIA_TYPE) || essence.equals(LD_MEDIA_TYPE);
  }
}
