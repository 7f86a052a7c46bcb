package org.coordo.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.federation.remote.DocumentFetcher;
import org.coordo.federation.vocab.As;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origin checks of a verified activity, after its signer was found to be its actor: id and actor
 * absolute http(s) and same origin → 400; activities claiming this node → 403; Update/Delete of another
 * origin's object → 403; an embedded object of this node is reduced to its id (never trust a remote copy of
 * our own objects), one of a third origin is refetched from there and the fetched copy used; a Create/Update
 * of an object the signer is not an author of → 403 ({@link Ownership#mayAuthor}).
 */
final class InboxAuthorization {
  // The inbox handler's logger: operators filter inbox lines by it.
  private static final Logger LOG = LoggerFactory.getLogger(InboxHandler.class);

  private final Uris uris;
  private final DocumentFetcher fetcher;

  InboxAuthorization(Uris uris, DocumentFetcher fetcher) {
    this.uris = uris;
    this.fetcher = fetcher;
  }

  /** The activity to accept (with its embedded object checked or replaced), or a failure with the refusal. */
  Future<JsonObject> authorize(JsonObject activity, URI actor) {
    URI id = InboxChecks.idOf(activity, actor);
    String type = As.typeOf(activity);
    if (type == null) {
      throw FederationException.badRequest("the activity has no type");
    }
    if (uris.isLocal(actor) || uris.isLocal(id)) {
      throw new FederationException(403, "activities claiming to come from this node are refused");
    }
    Object object = activity.getValue("object");
    String objectId = As.idOf(object);
    if ((type.equals("Update") || type.equals("Delete"))) {
      if (objectId == null) {
        throw FederationException.badRequest(type + " needs an object");
      }
      URI objectUri = InboxChecks.http(objectId, "object id");
      if (!Ownership.sameOrigin(objectUri, actor)) {
        throw new FederationException(403, "an actor may only " + type.toLowerCase(Locale.ROOT) + " its own objects");
      }
    }
    Future<JsonObject> withObject = Future.succeededFuture(activity);
    if (object instanceof JsonObject embedded && objectId != null) {
      URI objectUri = InboxChecks.http(objectId, "object id");
      if (uris.isLocal(objectUri)) {
        if (type.equals("Create")) {
          throw new FederationException(403, "a remote actor cannot create an object of this node");
        }
        if (!type.equals("Accept") && !type.equals("Reject")) {
          // Never trust a remote copy of one of our own objects: keep only its id.
          withObject = Future.succeededFuture(activity.copy().put("object", objectId));
        }
      } else if (!Ownership.sameOrigin(objectUri, actor)) {
        withObject = refetch(activity, objectUri);
      }
      if (type.equals("Create") || type.equals("Update")) {
        // The signer speaks for its own objects only, not for its origin: see Ownership.
        withObject = withObject.map(checked -> {
          if (checked.getValue("object") instanceof JsonObject o && !Ownership.mayAuthor(o, actor)) {
            throw new FederationException(403, "an actor may only " + type.toLowerCase(Locale.ROOT)
                + " objects it is an author of (attributedTo)");
          }
          return checked;
        });
      }
    }
    return withObject;
  }

  /** Replaces an embedded object of a third origin by the copy fetched from its origin (its bare id if that fails). */
  private Future<JsonObject> refetch(JsonObject activity, URI objectUri) {
    Future<DocumentFetcher.Fetched> fetched;
    try {
      fetched = fetcher.fetch(objectUri);
    } catch (RuntimeException e) {
      fetched = Future.failedFuture(e);
    }
    return fetched.transform(ar -> {
      if (ar.failed()) {
        LOG.info("refetch of embedded {} failed ({}); keeping only its id", objectUri, ar.cause().getMessage());
        return Future.succeededFuture(activity.copy().put("object", objectUri.toString()));
      }
      JsonObject doc = ar.result().document();
      if (!objectUri.toString().equals(doc.getValue("id"))
          || !Ownership.sameOrigin(ar.result().finalUrl(), objectUri)) {
        return Future.failedFuture(FederationException.badRequest(
            "the embedded object " + objectUri + " could not be verified at its origin"));
      }
      return Future.succeededFuture(activity.copy().put("object", doc));
    });
  }
}
