package org.coordo.server.api.publication;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.coordo.federation.BodyBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.coordo.federation.FederationContext;
import org.coordo.federation.vocab.Negotiation;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.Publishing;

/**
 * Mounts collective publishing on the node's router: the JSON API under {@code
 * /api/collectives/{name}/…}, its OpenAPI document at {@code /api/openapi.json}, the public
 * collections under {@code /collectives/{name}/…} and the minimal page of an object's id for a node
 * without web pages (its ActivityStreams form is federation's, through
 * {@code fedimpl/PublicationObjectDispatcher}), and {@code /media/…}.
 *
 * <p>Upload routes get their own body handler (larger limit, multipart files to {@code
 * uploadsDir}) ordered before the node's global one, which then lets the request through. Failures
 * go to the node's one failure handler ({@code ErrorResponses}: {@code {error, status[, fields]}}).
 */
public final class PublicationRoutes {
  /** A mounted route, as the OpenAPI document names it ({@code /api/collectives/{name}/calls}). */
  public record Mounted(HttpMethod method, String path) {}

  private final Publishing p;
  private final Handler<RoutingContext> authHandler;
  private final Path uploadsDir;
  private final FederationContext federation;
  private final BodyBudget bodyBudget;
  private final List<Mounted> mounted = new ArrayList<>();

  /**
   * @param authHandler the accounts' {@code AuthHandler} (puts the principal in the context), or null
   *     when the node already runs it ahead of these routes
   */
  public PublicationRoutes(Publishing publishing, Handler<RoutingContext> authHandler, Path uploadsDir) {
    this(publishing, authHandler, uploadsDir, null, new BodyBudget(BodyBudget.DEFAULT_CAPACITY));
  }

  /**
   * @param federation the port, for its authorized-fetch check (GETs of ActivityStreams documents
   *     must then be signed), or null when the node does not federate
   * @param bodyBudget the node's budget of bodies in flight (uploads read into memory draw from it)
   */
  public PublicationRoutes(Publishing publishing, Handler<RoutingContext> authHandler, Path uploadsDir,
      FederationContext federation, BodyBudget bodyBudget) {
    this.bodyBudget = bodyBudget;
    this.p = publishing;
    this.authHandler = authHandler;
    this.uploadsDir = uploadsDir;
    this.federation = federation;
  }

  /** What {@link #mount} mounted, for the OpenAPI check. */
  public List<Mounted> mounted() {
    return List.copyOf(mounted);
  }

  public void mount(Router router) {
    PublicationApiHandler api = new PublicationApiHandler(p.service, p.api, p.replyService);
    MediaHandlers media = new MediaHandlers(p.media, p.uris);
    ModerationHandler moderation = new ModerationHandler(p.moderation, p.uris);
    PublicObjectHandler objects = new PublicObjectHandler(p.service, p.moderation, p.as);
    String attachments = "/api/collectives/{name}/attachments";
    // A body guard, not the role check (AccessGate, on the route below): no credential at all,
    // refuse before reading up to 10 MiB (the principal itself is checked later).
    router.post(vertx(attachments)).order(-1).handler(ctx -> {
      if (ctx.request().getHeader("Authorization") == null
          && ctx.request().getCookie(AuthHandler.SESSION_COOKIE) == null) {
        ctx.fail(NodeError.unauthenticated());
      } else {
        ctx.next();
      }
    });
    long maxAttachment = p.media.maxUploadBodyBytes();
    router.post(vertx(attachments)).order(-1).handler(bodyBudget.guard(maxAttachment, BodyHandler.create(true)
        .setBodyLimit(maxAttachment)
        .setUploadsDirectory(uploadsDir.toString())
        .setDeleteUploadedFilesOnEnd(true)));
    if (authHandler != null) {
      router.route("/api/collectives/*").handler(authHandler);
    }

    for (PublicationKind kind : PublicationKind.values()) {
      String base = "/api/collectives/{name}/" + kind.segment();
      json(router, HttpMethod.GET, base, Access.PUBLIC, ctx -> api.list(ctx, kind));
      json(router, HttpMethod.POST, base, Access.MEMBER, ctx -> api.create(ctx, kind));
      json(router, HttpMethod.GET, base + "/{id}", Access.PUBLIC, ctx -> api.read(ctx, kind));
      json(router, HttpMethod.PUT, base + "/{id}", Access.MEMBER, ctx -> api.update(ctx, kind));
      plain(router, HttpMethod.DELETE, base + "/{id}", Access.MEMBER, ctx -> api.delete(ctx, kind));
      json(router, HttpMethod.POST, base + "/{id}/publish", Access.EDITOR, ctx -> api.publish(ctx, kind));
      String object = "/collectives/{name}/" + kind.segment() + "/{id}";
      // The object's id: federation's object dispatcher answers ActivityStreams clients; anything else
      // comes here, last, so that the web pages (when mounted, in whatever order) answer first.
      mounted.add(new Mounted(HttpMethod.GET, object));
      AccessGate.api(router.get(vertx(object)).last(), Access.PUBLIC).handler(guarded(ctx -> objects.page(ctx, kind)));
      plain(router, HttpMethod.GET, object + "/replies", Access.PUBLIC, signed(ctx -> objects.replies(ctx, kind)));
      if (kind != PublicationKind.EVENT) {
        plain(router, HttpMethod.GET, "/collectives/{name}/" + kind.segment(), Access.PUBLIC,
            signed(ctx -> objects.collection(ctx, kind)));
      }
    }
    json(router, HttpMethod.POST, "/api/collectives/{name}/events/{id}/cancel", Access.EDITOR, api::cancel);
    json(router, HttpMethod.POST, attachments, Access.MEMBER, media::upload);
    plain(router, HttpMethod.GET, "/media/{file}", Access.PUBLIC, media::serve);
    plain(router, HttpMethod.GET, "/collectives/{name}/upcoming-events", Access.PUBLIC, signed(objects::upcoming));

    String mod = "/api/collectives/{name}/moderation/replies";
    json(router, HttpMethod.GET, mod, Access.EDITOR, moderation::queue);
    json(router, HttpMethod.POST, mod + "/{ref}/approve", Access.EDITOR, moderation::approve);
    json(router, HttpMethod.POST, mod + "/{ref}/hide", Access.EDITOR, moderation::hide);
    json(router, HttpMethod.POST, mod + "/{ref}/block", Access.EDITOR, moderation::block);
    plain(router, HttpMethod.DELETE, mod + "/{ref}", Access.EDITOR, moderation::delete);

    plain(router, HttpMethod.GET, "/api/openapi.json", Access.PUBLIC, OpenApi::serve);
  }

  /** In authorized-fetch mode, an ActivityStreams-only route answers signed GETs only (401 otherwise). */
  private Handler<RoutingContext> signed(Handler<RoutingContext> handler) {
    if (federation == null || !federation.signedFetchRequired()) {
      return handler;
    }
    return ctx -> federation.checkSignedFetch(ctx).onSuccess(signed -> handler.handle(ctx)).onFailure(ctx::fail);
  }

  /** A JSON endpoint: the function's object is sent with the status it set (200 by default). */
  private void json(Router router, HttpMethod method, String path, Access access, Function<RoutingContext, Future<JsonObject>> fn) {
    plain(router, method, path, access, ctx -> fn.apply(ctx).onSuccess(body -> {
      if (!ctx.response().ended()) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(body.encode());
      }
    }).onFailure(ctx::fail));
  }

  /** A handler whose synchronous failures (bad parameters, 401) go to the failure handlers too. */
  private void plain(Router router, HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    mounted.add(new Mounted(method, path));
    AccessGate.api(router.route(method, vertx(path)), access).handler(guarded(handler));
  }

  private static Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    };
  }

  /** {@code /a/{b}/c} → {@code /a/:b/c}. */
  static String vertx(String openApiPath) {
    return openApiPath.replaceAll("\\{([a-zA-Z]+)}", ":$1");
  }
}
