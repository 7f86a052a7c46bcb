package org.coordo.federation.http;

import org.coordo.federation.MalformedRequest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.coordo.federation.FederationException;
import org.coordo.federation.sig.HttpSignatureException;
import org.coordo.federation.vocab.As;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Response writing for the federation routes, and their one failure handler. */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  private Responses() {}

  /** 200 with an ActivityStreams document ({@code application/activity+json}, {@code Vary: Accept}). */
  public static void activityJson(RoutingContext ctx, JsonObject document) {
    activityJson(ctx, 200, document);
  }

  /** An ActivityStreams document with a status (410 for a {@code Tombstone}). */
  static void activityJson(RoutingContext ctx, int status, JsonObject document) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", As.CONTENT_TYPE)
        .putHeader("Vary", "Accept")
        .end(document.encode());
  }

  /** 200 with a JSON document of the given content type and open CORS (discovery documents). */
  public static void discovery(RoutingContext ctx, String contentType, String body) {
    ctx.response()
        .putHeader("Content-Type", contentType)
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(body);
  }

  /**
   * The failure handler of every federation route: {@link FederationException} and signature
   * failures become {@code {error, status}} with their status and safe message; anything else is
   * logged and answered 500 without details.
   */
  public static void failure(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    if (Boolean.TRUE.equals(ctx.get(PASSED_ON))) {
      // the failure is the server's route's, for the same path: its own failure handlers answer it
      ctx.next();
      return;
    }
    Throwable err = ctx.failure();
    int status;
    String message;
    if (err instanceof FederationException fe) {
      status = fe.status();
      message = fe.safeMessage();
      if (status >= 500) {
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), message, fe.getCause());
      }
    } else if (err instanceof HttpSignatureException se) {
      status = se.httpStatus();
      message = se.getMessage();
    } else if (err instanceof HttpException he && he.getStatusCode() >= 400) {
      // Vert.x Web's own refusals (400 for a query string that does not decode) and the body budget's 503
      status = he.getStatusCode();
      message = he.getPayload() != null ? he.getPayload() : status == 400 ? "bad request" : "request refused";
    } else if (MalformedRequest.isUndecodableBody(err)) {
      status = 400;
      message = MalformedRequest.MESSAGE;
    } else if (err == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      message = status == 404 ? "not found" : "request failed";
    } else {
      status = 500;
      message = "internal error";
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), err);
    }
    error(ctx, status, message);
  }

  /** Context key: federation passed the request on to the server's route for the same path. */
  static final String PASSED_ON = "coordo.federation.passedOn";

  /**
   * Lets the server's route for the same path answer (a browser asking for an id's page): what
   * fails from there is the server's to answer, not this layer's {@link #failure}.
   */
  public static void passOn(RoutingContext ctx) {
    ctx.put(PASSED_ON, true);
    ctx.next();
  }

  /** A JSON error body {@code {error, status}}. */
  public static void error(RoutingContext ctx, int status, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON_CONTENT_TYPE)
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }
}
