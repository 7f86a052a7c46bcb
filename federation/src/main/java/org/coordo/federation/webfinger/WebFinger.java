package org.coordo.federation.webfinger;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.ActorDocuments;
import org.coordo.federation.actor.LocalActors;

/**
 * Server-side WebFinger (RFC 7033) for local actors: {@code acct:name@authority} (the authority
 * includes the port in development) or the actor URL itself → a JRD. The host is compared
 * case-insensitively, the name is lower-cased (local names are lower case).
 */
public final class WebFinger {
  public static final String PROFILE_PAGE_REL = "http://webfinger.net/rel/profile-page";

  private final FederationConfig config;
  private final Uris uris;
  private final LocalActors actors;
  private final ActorDocuments documents;

  public WebFinger(FederationConfig config, Uris uris, LocalActors actors, ActorDocuments documents) {
    this.config = config;
    this.uris = uris;
    this.actors = actors;
    this.documents = documents;
  }

  /** The JRD for a resource; fails with 400 (missing, malformed) or 404 (not a local actor). */
  public Future<JsonObject> resolve(String resource) {
    String name;
    try {
      name = localName(resource);
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
    return actors.find(name).compose(found -> found
        .map(actor -> {
          String id = documents.idOf(actor).toString();
          JsonObject jrd = new JsonObject()
              .put("subject", "acct:" + actor.name() + "@" + config.authority())
              .put("aliases", new JsonArray().add(id))
              .put("links", new JsonArray()
                  .add(new JsonObject().put("rel", "self").put("type", "application/activity+json").put("href", id))
                  .add(new JsonObject().put("rel", PROFILE_PAGE_REL).put("type", "text/html").put("href", id)));
          return Future.succeededFuture(jrd);
        })
        .orElseGet(() -> Future.failedFuture(FederationException.notFound("no such local actor"))));
  }

  /**
   * The local actor name a resource designates. Accepts {@code acct:name@host}, a bare {@code
   * name@host} or {@code @name@host}, and an actor URL of this node.
   */
  String localName(String resource) {
    if (resource == null || resource.isBlank()) {
      throw FederationException.badRequest("the resource parameter is required");
    }
    String r = resource.trim();
    String lower = r.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI uri = Uris.parse(r).orElseThrow(() -> FederationException.badRequest("malformed resource URL"));
      Optional<String> name = uris.localActorName(uri);
      return name.orElseThrow(() -> FederationException.notFound("no such local actor"));
    }
    String handle = lower.startsWith("acct:") ? r.substring(5) : r;
    if (handle.startsWith("@")) {
      handle = handle.substring(1);
    }
    int at = handle.lastIndexOf('@');
    if (at <= 0 || at == handle.length() - 1) {
      throw FederationException.badRequest("malformed resource: expected acct:name@host");
    }
    if (!lower.startsWith("acct:") && r.indexOf(':') >= 0 && r.indexOf(':') < r.indexOf('@')) {
      throw FederationException.badRequest("unsupported resource scheme: expected acct:name@host");
    }
    String name = handle.substring(0, at).toLowerCase(Locale.ROOT);
    String host = handle.substring(at + 1);
    if (!host.equalsIgnoreCase(config.authority())) {
      throw FederationException.notFound("not a resource of this host");
    }
    if (!Uris.isValidActorName(name) && !Uris.INSTANCE_ACTOR_NAME.equals(name)) {
      throw FederationException.notFound("no such local actor");
    }
    return name;
  }
}
