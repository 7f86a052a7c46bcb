package org.coordo.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.coordo.server.domain.NodeTime;

/**
 * Typical inbound activities, shaped like what Mastodon and Mobilizon send: a {@code Create{Note}} reply with
 * a mention, a hashtag and the usual addressing (about 1.5 KB), and a {@code Create{Event}} with a place
 * (FEP-8a8e).
 */
public final class Fixtures {
  private Fixtures() {}

  /**
   * @param origin the remote server's base URL, e.g. {@code http://127.0.0.1:40000}
   * @param actor the remote actor's name (its id is {@code origin/actors/<actor>})
   * @param n a sequence number making the activity and note ids distinct
   */
  public static String createNote(String origin, String actor, long n) {
    String actorId = origin + "/actors/" + actor;
    String noteId = actorId + "/notes/" + n;
    JsonObject note = new JsonObject()
        .put("id", noteId)
        .put("type", "Note")
        .put("summary", (Object) null)
        .put("inReplyTo", (Object) null)
        .put("published", "2026-11-23T18:04:12Z")
        .put("url", origin + "/@" + actor + "/" + n)
        .put("attributedTo", actorId)
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
        .put("cc", new JsonArray().add(actorId + "/followers"))
        .put("sensitive", false)
        .put("conversation", "tag:" + origin.replaceFirst("^https?://", "") + ",2026-11-23:objectId=" + n
            + ":objectType=Conversation")
        .put("content", "<p>Assemblée générale jeudi 19h à la Bourse du travail : ordre du jour, mandats, "
            + "tour des luttes locales. Venez nombreuses et nombreux ! <a href=\"" + origin
            + "/tags/ag\" class=\"mention hashtag\" rel=\"tag\">#<span>ag</span></a></p>")
        .put("contentMap", new JsonObject().put("fr", "<p>Assemblée générale jeudi 19h à la Bourse du travail.</p>"))
        .put("attachment", new JsonArray())
        .put("tag", new JsonArray().add(new JsonObject().put("type", "Hashtag")
            .put("href", origin + "/tags/ag").put("name", "#ag")))
        .put("replies", new JsonObject().put("id", noteId + "/replies").put("type", "Collection")
            .put("first", new JsonObject().put("type", "CollectionPage").put("next", noteId + "/replies?page=true")
                .put("partOf", noteId + "/replies").put("items", new JsonArray())));
    return new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams")
            .add(new JsonObject().put("ostatus", "http://ostatus.org#").put("sensitive", "as:sensitive")
                .put("toot", "http://joinmastodon.org/ns#").put("conversation", "ostatus:conversation")))
        .put("id", noteId + "/activity")
        .put("type", "Create")
        .put("actor", actorId)
        .put("published", "2026-11-23T18:04:12Z")
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
        .put("cc", new JsonArray().add(actorId + "/followers"))
        .put("object", note)
        .encode();
  }

  /** A Mobilizon-like {@code Create{Event}} (FEP-8a8e) with a {@code Place} and its address. */
  public static String createEvent(String origin, String actor, long n) {
    String actorId = origin + "/@" + actor;
    String eventId = origin + "/events/" + n;
    JsonObject event = new JsonObject()
        .put("id", eventId)
        .put("type", "Event")
        .put("name", "Rassemblement contre la fermeture de la maternité")
        .put("summary", "Samedi 28 novembre, 14h · Place Grenette · rassemblement")
        .put("content", "<p>Rendez-vous samedi à 14h place Grenette. Prises de parole, pique-nique partagé.</p>")
        .put("mediaType", "text/html")
        .put("startTime", "2026-11-28T14:00:00+01:00")
        .put("endTime", "2026-11-28T17:00:00+01:00")
        .put("timezone", NodeTime.DEFAULT_ZONE.getId())
        .put("attributedTo", actorId)
        .put("url", eventId)
        .put("published", "2026-11-23T18:04:12Z")
        .put("updated", "2026-11-23T18:04:12Z")
        .put("commentsEnabled", true)
        .put("joinMode", "free")
        .put("ical:status", "CONFIRMED")
        .put("category", "MOVEMENTS_POLITICS")
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
        .put("cc", new JsonArray().add(actorId + "/followers"))
        .put("location", new JsonObject()
            .put("type", "Place")
            .put("name", "Place Grenette")
            .put("latitude", 45.1899).put("longitude", 5.7279)
            .put("address", new JsonObject().put("type", "PostalAddress")
                .put("streetAddress", "Place Grenette").put("postalCode", "38000")
                .put("addressLocality", "Grenoble").put("addressCountry", "France")))
        .put("tag", new JsonArray().add(new JsonObject().put("type", "Hashtag")
            .put("href", origin + "/tags/sante").put("name", "#santé")));
    return new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams")
            .add("https://litepub.social/litepub/context.jsonld")
            .add(new JsonObject().put("mz", "https://joinmobilizon.org/ns#")
                .put("ical", "http://www.w3.org/2002/12/cal/ical#")
                .put("joinMode", new JsonObject().put("@id", "mz:joinMode").put("@type", "mz:joinModeType"))
                .put("commentsEnabled", "pt:commentsEnabled").put("timezone", "mz:timezone")))
        .put("id", eventId + "/activity")
        .put("type", "Create")
        .put("actor", actorId)
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
        .put("cc", new JsonArray().add(actorId + "/followers"))
        .put("object", event)
        .encode();
  }
}
