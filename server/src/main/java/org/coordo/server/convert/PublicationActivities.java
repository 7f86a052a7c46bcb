package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.coordo.federation.vocab.As;
import org.coordo.server.domain.publication.Publication;

/**
 * The activities a collective (its {@code Group} actor) sends about a publication. Ids are given by
 * the caller (local {@code /activities/{id}} URIs) so that an {@code Announce} can name the {@code
 * Create} it wraps. Addressing: Public in {@code to}, the group's followers in {@code cc},
 * {@code audience} the group (FEP-1b12).
 */
public final class PublicationActivities {
  private final PublicationAsConverter as;

  public PublicationActivities(PublicationAsConverter as) {
    this.as = as;
  }

  public JsonObject create(URI id, Publication p) {
    return activity(id, "Create", p).put("object", as.toObject(p));
  }

  /** Update carries the whole new object, with {@code updated}. */
  public JsonObject update(URI id, Publication p) {
    return activity(id, "Update", p).put("object", as.toObject(p));
  }

  public JsonObject delete(URI id, Publication tombstone) {
    return activity(id, "Delete", tombstone).put("object", as.toTombstone(tombstone));
  }

  /** FEP-1b12: the group announces the activity itself (embedded, for group-aware servers). */
  public JsonObject announceActivity(URI id, Publication p, JsonObject activity) {
    JsonObject embedded = activity.copy();
    embedded.remove("@context");
    return activity(id, "Announce", p).put("object", embedded);
  }

  /** A plain boost of the object's URI: what Mastodon understands. */
  public JsonObject announceObject(URI id, Publication p) {
    return activity(id, "Announce", p).put("object", as.uris().object(p.key()).toString());
  }

  /**
   * Every activity about a publication is built here, so this is where a members-only one is stopped:
   * it never leaves the node (issue 16), whatever the caller forgot.
   */
  private JsonObject activity(URI id, String type, Publication p) {
    if (p.isMembersOnly()) {
      throw new IllegalStateException("a members-only publication is never federated: " + p.key().path());
    }
    String group = as.uris().group(p.collective()).toString();
    return new JsonObject()
        .put("@context", AsContext.publication())
        .put("id", id.toString())
        .put("type", type)
        .put("actor", group)
        .put("audience", group)
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(as.uris().followers(p.collective()).toString()));
  }
}
