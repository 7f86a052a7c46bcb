package org.coordo.federation.http;

import org.coordo.federation.vocab.Negotiation;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.ActorDocuments;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.vocab.CollectionQuery;
import org.coordo.federation.collection.CollectionSource;
import org.coordo.federation.vocab.OrderedCollections;
import org.coordo.federation.nodeinfo.NodeInfo;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.vocab.As;
import org.coordo.federation.webfinger.HostMeta;
import org.coordo.federation.webfinger.WebFingerHandler;

/**
 * Mounts every protocol route on a vertx-web {@link Router}. Mount it <em>before</em> the server's
 * own page routes: for {@code /actors/:name} (and collections, activities) a request that does not
 * ask for ActivityStreams goes on ({@code ctx.next()}) to the server's HTML route for the same path.
 *
 * <pre>
 * GET  /.well-known/webfinger   /.well-known/nodeinfo   /nodeinfo/2.1   /nodeinfo/2.0
 * GET  /.well-known/host-meta   /.well-known/host-meta.json
 * GET  /actor   /actor/outbox                                 (instance actor, never signature-checked)
 * GET  /actors/:name   /actors/:name/{outbox,followers,following,featured}   /activities/:id
 * GET  every path of a registered {@link ObjectDispatcher} (the server's objects: ActivityStreams here,
 *      anything else goes on to the server's page route for the path)
 * POST /inbox   /actors/:name/inbox                            (when an inbox handler is given)
 * </pre>
 *
 * Each route has the one failure handler ({@link Responses#failure}): errors are JSON {@code {error, status}}.
 */
public final class FederationRoutes {

  /** Reads a stored local activity by id (empty when unknown). */
  @FunctionalInterface
  public interface ActivityLookup {
    Future<Optional<JsonObject>> find(URI id);
  }

  /** Collection sources of local actors. */
  public record Collections(
      CollectionSource outbox, CollectionSource followers, CollectionSource following, CollectionSource featured) {}

  private final Uris uris;
  private final LocalActors actors;
  private final ActorDocuments documents;
  private final WebFingerHandler webFinger;
  private final NodeInfo nodeInfo;
  private final HostMeta hostMeta;
  private final Collections collections;
  private final ActivityLookup activities;
  private final Handler<RoutingContext> inbox;
  private final AuthorizedFetch authorizedFetch;
  private final ObjectRoutes objects;

  /**
   * @param inbox the inbox POST handler (it reads the body itself); null to leave inboxes unmounted
   * @param objects the server's object dispatchers (none: no object routes)
   */
  public FederationRoutes(
      Uris uris,
      LocalActors actors,
      ActorDocuments documents,
      WebFingerHandler webFinger,
      NodeInfo nodeInfo,
      HostMeta hostMeta,
      Collections collections,
      ActivityLookup activities,
      Handler<RoutingContext> inbox,
      AuthorizedFetch authorizedFetch,
      List<ObjectDispatcher> objects) {
    this.uris = uris;
    this.actors = actors;
    this.documents = documents;
    this.webFinger = webFinger;
    this.nodeInfo = nodeInfo;
    this.hostMeta = hostMeta;
    this.collections = collections;
    this.activities = activities;
    this.inbox = inbox;
    this.authorizedFetch = authorizedFetch;
    this.objects = new ObjectRoutes(uris, objects, authorizedFetch);
  }

  public void mount(Router router) {
    get(router, "/.well-known/webfinger", webFinger);
    get(router, "/.well-known/nodeinfo", ctx -> Responses.discovery(ctx, Responses.JSON_CONTENT_TYPE,
        nodeInfo.wellKnown().encode()));
    get(router, "/nodeinfo/:version", this::nodeInfoDocument);
    get(router, "/.well-known/host-meta", ctx -> Responses.discovery(ctx, HostMeta.XRD_CONTENT_TYPE, hostMeta.xml()));
    get(router, "/.well-known/host-meta.json", ctx -> Responses.discovery(ctx, Responses.JSON_CONTENT_TYPE,
        hostMeta.json().encode()));
    get(router, "/actor", this::instanceActor);
    get(router, "/actor/outbox", this::instanceOutbox);
    get(router, "/actors/:name", this::actor);
    get(router, "/actors/:name/outbox", ctx -> collection(ctx, collections.outbox(), uris::outbox));
    get(router, "/actors/:name/followers", ctx -> collection(ctx, collections.followers(), uris::followers));
    get(router, "/actors/:name/following", ctx -> collection(ctx, collections.following(), uris::following));
    get(router, "/actors/:name/featured", ctx -> collection(ctx, collections.featured(), uris::featured));
    get(router, "/activities/:id", this::activity);
    objects.mount(router);
    if (inbox != null) {
      router.post("/inbox").handler(inbox).failureHandler(Responses::failure);
      router.post("/actors/:name/inbox").handler(inbox).failureHandler(Responses::failure);
    }
  }

  private static Route get(Router router, String path, Handler<RoutingContext> handler) {
    return router.get(path).handler(handler).failureHandler(Responses::failure);
  }

  private void nodeInfoDocument(RoutingContext ctx) {
    String version = ctx.pathParam("version");
    nodeInfo.document(version)
        .onSuccess(doc -> Responses.discovery(ctx, NodeInfo.contentType(version), doc.encode()))
        .onFailure(ctx::fail);
  }

  /** The instance actor: served to anything but a browser, never signature-checked. */
  private void instanceActor(RoutingContext ctx) {
    ctx.response().putHeader("Vary", "Accept");
    if (Negotiation.prefersHtml(accept(ctx))) {
      Responses.passOn(ctx);
      return;
    }
    actors.instanceActor()
        .onSuccess(actor -> Responses.activityJson(ctx, documents.toDocument(actor)))
        .onFailure(ctx::fail);
  }

  private void instanceOutbox(RoutingContext ctx) {
    ctx.response().putHeader("Vary", "Accept");
    if (Negotiation.prefersHtml(accept(ctx))) {
      Responses.passOn(ctx);
      return;
    }
    String id = uris.instanceActorOutbox().toString();
    query(ctx)
        .compose(q -> OrderedCollections.render(id, CollectionSource.empty(), Uris.INSTANCE_ACTOR_NAME, q))
        .onSuccess(doc -> Responses.activityJson(ctx, doc))
        .onFailure(ctx::fail);
  }

  private void actor(RoutingContext ctx) {
    ctx.response().putHeader("Vary", "Accept");
    if (!Negotiation.wantsActivityStreams(accept(ctx))) {
      Responses.passOn(ctx);
      return;
    }
    String name = ctx.pathParam("name");
    authorizedFetch.check(ctx)
        .compose(signer -> requireServedActor(name))
        .onSuccess(actor -> Responses.activityJson(ctx, documents.toDocument(actor)))
        .onFailure(ctx::fail);
  }

  private void collection(
      RoutingContext ctx, CollectionSource source, java.util.function.Function<String, URI> idOf) {
    ctx.response().putHeader("Vary", "Accept");
    if (Negotiation.prefersHtml(accept(ctx))) {
      Responses.passOn(ctx);
      return;
    }
    String name = ctx.pathParam("name");
    authorizedFetch.check(ctx)
        .compose(signer -> query(ctx))
        .compose(q -> requireServedActor(name)
            .compose(actor -> OrderedCollections.render(idOf.apply(actor.name()).toString(), source, actor.name(), q)))
        .onSuccess(doc -> Responses.activityJson(ctx, doc))
        .onFailure(ctx::fail);
  }

  /** A stored local activity; only public and unlisted ones are served. */
  private void activity(RoutingContext ctx) {
    ctx.response().putHeader("Vary", "Accept");
    if (Negotiation.prefersHtml(accept(ctx))) {
      Responses.passOn(ctx);
      return;
    }
    URI id;
    try {
      id = uris.activity(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      ctx.fail(FederationException.notFound("no such activity"));
      return;
    }
    authorizedFetch.check(ctx)
        .compose(signer -> activities.find(id))
        .compose(found -> found.filter(As::isPublic)
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FederationException.notFound("no such activity"))))
        .onSuccess(activity -> Responses.activityJson(ctx, withContext(activity)))
        .onFailure(ctx::fail);
  }

  /** A local actor served under /actors/:name (the instance actor lives at /actor only). */
  private Future<org.coordo.federation.LocalActor> requireServedActor(String name) {
    if (name == null || Uris.INSTANCE_ACTOR_NAME.equals(name)) {
      return Future.failedFuture(FederationException.notFound("no such actor"));
    }
    return actors.require(name);
  }

  private static Future<CollectionQuery> query(RoutingContext ctx) {
    try {
      return Future.succeededFuture(
          CollectionQuery.parse(first(ctx, "page"), first(ctx, "cursor"), first(ctx, "limit")));
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
  }

  private static String first(RoutingContext ctx, String param) {
    List<String> values = ctx.queryParam(param);
    return values.isEmpty() ? null : values.get(0);
  }

  private static String accept(RoutingContext ctx) {
    return ctx.request().getHeader("Accept");
  }

  private static JsonObject withContext(JsonObject activity) {
    if (activity.containsKey("@context")) {
      return activity;
    }
    JsonObject out = new JsonObject().put("@context", As.context());
    activity.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
