package org.coordo.federation.remote;

import org.coordo.federation.RemoteActor;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.federation.vocab.As;

/**
 * Pure checks that turn a fetched JSON document into a {@link RemoteActor}. Every failure is a
 * {@link FederationException} with a message naming what was wrong (safe to log and to show).
 */
public final class RemoteActorDocuments {
  private RemoteActorDocuments() {}

  /**
   * Validates an actor document fetched from {@code requested}, answered at {@code finalUrl} (after
   * redirects): its {@code id}, the URL asked for and the final URL share one origin (a redirect to
   * another origin never yields an actor of the first; see {@link Ownership}); its type must be an actor
   * type; {@code inbox} must be an absolute http(s) URL; a {@code publicKey} with {@code owner == id},
   * an id of the actor's origin and a PEM must be present.
   */
  public static RemoteActor toRemoteActor(URI requested, URI finalUrl, JsonObject doc) {
    String idText = doc.getValue("id") instanceof String s ? s : null;
    if (idText == null) {
      throw bad("the actor document has no id");
    }
    URI id = requireHttp(idText, "id");
    if (!Ownership.sameOrigin(id, finalUrl) || !Ownership.sameOrigin(id, requested)) {
      throw bad("the actor document id " + id + " does not match the origin it was asked from (" + requested
          + ") and answered by (" + finalUrl + ")");
    }
    String type = As.typeOf(doc);
    if (type == null || !RemoteActor.ACTOR_TYPES.contains(type)) {
      throw bad("not an actor (type " + type + ")");
    }
    Object inboxRef = doc.getValue("inbox");
    String inboxText = As.idOf(inboxRef);
    if (inboxText == null) {
      throw bad("the actor has no inbox");
    }
    URI inbox = requireHttp(inboxText, "inbox");
    URI sharedInbox = null;
    if (doc.getValue("endpoints") instanceof JsonObject endpoints) {
      String shared = As.idOf(endpoints.getValue("sharedInbox"));
      if (shared != null) {
        sharedInbox = requireHttp(shared, "endpoints.sharedInbox");
      }
    }
    JsonObject key = null;
    for (Object o : As.oneOrMany(doc, "publicKey")) {
      if (o instanceof JsonObject k && id.toString().equals(As.idOf(k.getValue("owner")))
          && k.getValue("publicKeyPem") instanceof String && k.getValue("id") instanceof String keyId
          && Ownership.sameOrigin(keyId, id)) {
        key = k;
        break;
      }
    }
    if (key == null) {
      boolean anyKey = !As.oneOrMany(doc, "publicKey").isEmpty();
      throw bad(anyKey ? "the actor's publicKey is not its own (owner and key id of the actor's origin)"
          : "the actor has no publicKey");
    }
    String preferredUsername = doc.getValue("preferredUsername") instanceof String u ? u : null;
    return new RemoteActor(id, type, preferredUsername, inbox, sharedInbox, key.getString("id"),
        key.getString("publicKeyPem"), doc);
  }

  /**
   * {@link Uris#parseHttp} of a property of a remote document, or a 502 naming it: "is not a valid URL"
   * when the text does not parse at all, "must be an absolute http(s) URL" when it is another URL.
   */
  static URI requireHttp(String text, String what) {
    return Uris.parseHttp(text).orElseThrow(() -> bad(what
        + (Uris.parse(text).isPresent() ? " must be an absolute http(s) URL" : " is not a valid URL")));
  }

  private static FederationException bad(String message) {
    return new FederationException(502, "invalid remote actor: " + message);
  }
}
