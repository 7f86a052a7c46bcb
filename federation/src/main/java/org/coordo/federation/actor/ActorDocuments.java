package org.coordo.federation.actor;

import org.coordo.federation.LocalActor;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.coordo.federation.Uris;
import org.coordo.federation.spi.ActorExtension;
import org.coordo.federation.vocab.As;
import org.coordo.federation.vocab.XsdDateTime;

/**
 * LocalActor → ActivityStreams actor document, with every property Mastodon needs or shows (see
 * FEDERATION-NOTES.md, "Actors"). The instance actor is served at {@code /actor} with key {@code
 * /actor#main-key}, its inbox is the shared inbox and it has no followers/following/featured.
 * The private key never appears here.
 */
public final class ActorDocuments {

  private final Uris uris;
  private final ActorExtension extension;

  public ActorDocuments(Uris uris) {
    this(uris, ActorExtension.NONE);
  }

  /** @param extension the server's additions to non-instance actors' documents */
  public ActorDocuments(Uris uris, ActorExtension extension) {
    this.uris = uris;
    this.extension = extension;
  }

  /** The actor's id (its URL). */
  public URI idOf(LocalActor actor) {
    return isInstance(actor) ? uris.instanceActor() : uris.actor(actor.name());
  }

  /** The actor's key id ({@code …#main-key}). */
  public URI keyIdOf(LocalActor actor) {
    return isInstance(actor) ? uris.instanceActorKey() : uris.actorKey(actor.name());
  }

  public static boolean isInstance(LocalActor actor) {
    return Uris.INSTANCE_ACTOR_NAME.equals(actor.name());
  }

  /** The full actor document, {@code @context} included. */
  public JsonObject toDocument(LocalActor actor) {
    String id = idOf(actor).toString();
    JsonObject doc = new JsonObject().put("@context", As.context());
    if (!isInstance(actor)) {
      extension.extend(actor, doc);
    }
    doc.put("id", id)
        .put("type", actor.type().name())
        .put("preferredUsername", actor.name());
    if (actor.displayName() != null && !actor.displayName().isBlank()) {
      doc.put("name", actor.displayName());
    }
    if (actor.summary() != null && !actor.summary().isBlank()) {
      doc.put("summary", actor.summary());
    }
    if (isInstance(actor)) {
      doc.put("url", uris.base() + "/")
          .put("inbox", uris.sharedInbox().toString())
          .put("outbox", uris.instanceActorOutbox().toString());
    } else {
      doc.put("url", id)
          .put("inbox", uris.inbox(actor.name()).toString())
          .put("outbox", uris.outbox(actor.name()).toString())
          .put("followers", uris.followers(actor.name()).toString())
          .put("following", uris.following(actor.name()).toString())
          .put("featured", uris.featured(actor.name()).toString());
    }
    if (actor.iconUrl() != null && !actor.iconUrl().isBlank()) {
      doc.put("icon", new JsonObject().put("type", "Image").put("url", actor.iconUrl()));
    }
    doc.put("endpoints", new JsonObject().put("sharedInbox", uris.sharedInbox().toString()))
        .put("publicKey", new JsonObject()
            .put("id", keyIdOf(actor).toString())
            .put("owner", id)
            .put("publicKeyPem", actor.publicKeyPem()))
        .put("manuallyApprovesFollowers", isInstance(actor) || actor.manuallyApprovesFollowers())
        .put("discoverable", !isInstance(actor) && actor.discoverable())
        .put("indexable", !isInstance(actor) && actor.discoverable())
        .put("published", XsdDateTime.format(actor.published()));
    return doc;
  }
}
