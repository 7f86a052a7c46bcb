package org.coordo.server.error;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import org.coordo.storage.StorageUnavailableException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.coordo.federation.FederationException;
import org.coordo.federation.MalformedRequest;
import org.coordo.federation.vocab.Negotiation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes a response.
 *
 * <p>{@link #describe} turns any failure into a {@link NodeError}: a {@code NodeError} is itself; a
 * {@link FederationException} or Vert.x Web's {@link HttpException} keeps its status and safe
 * message (the latter's payload); a {@link DecodeException} is a client's bad JSON (400 "invalid
 * JSON"), a form or multipart body that does not decode too (400, {@link MalformedRequest}); a
 * failure with only a status code (404, 405, 413 from a body limit) gets the standard reason; anything
 * else is a bug or an outage: 500 "internal error", the cause to the log only.
 *
 * <p>Which representation is decided here, once, by {@link #wantsPage}: people (browsers: they
 * accept {@code text/html}) get the error page in their language wherever they are — an unknown URL
 * included — and so does every request under the form paths (the cross-site guard's 403, a body over
 * its limit); API clients ({@code /api/…}), clients asking for JSON and ActivityStreams clients get
 * JSON {@code {"error", "status"[, "fields"]}} (with {@code Retry-After} when the error says how long
 * to wait), byte for byte as before. The page itself is drawn by an {@link ErrorPage} from {@code
 * web/} ({@link #withPages}); a node without pages answers JSON everywhere. Page handlers call
 * {@link #page} directly.
 */
public final class ErrorResponses implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  /** Draws the error page of {@code error} (its status and a message in the reader's language). */
  @FunctionalInterface
  public interface ErrorPage {
    void render(RoutingContext ctx, NodeError error);
  }

  private final long maxBodyBytes;
  private final ErrorPage page;
  private final List<String> pagePrefixes;

  /** @param maxBodyBytes the node's body limit, named in the message of a status-only 413 */
  public ErrorResponses(long maxBodyBytes) {
    this(maxBodyBytes, null, List.of());
  }

  private ErrorResponses(long maxBodyBytes, ErrorPage page, List<String> pagePrefixes) {
    this.maxBodyBytes = maxBodyBytes;
    this.page = page;
    this.pagePrefixes = List.copyOf(pagePrefixes);
  }

  /**
   * These responses with error pages for people: drawn by {@code page}, for every request that
   * {@link #wantsPage wants one}, and for any request under {@code formPrefixes} ({@code /espace}
   * matches that path and what is under it).
   */
  public ErrorResponses withPages(ErrorPage page, List<String> formPrefixes) {
    return new ErrorResponses(maxBodyBytes, page, formPrefixes);
  }

  /** The node's failure handler (mount it last, and as the router's 404 and 405 handler). */
  @Override
  public void handle(RoutingContext ctx) {
    answer(ctx, ctx.failure());
  }

  /**
   * Answers {@code failure}: the error page when the request {@link #wantsPage wants one} (and the
   * node has pages), else JSON. A request too broken to draw a page for gets the JSON.
   */
  public void answer(RoutingContext ctx, Throwable failure) {
    failure = bodyFailure(ctx, failure);
    if (page != null && wantsPage(ctx, pagePrefixes)) {
      NodeError error = logged(ctx, describe(failure, ctx.statusCode(), -1));
      try {
        page.render(ctx, error);
        return;
      } catch (RuntimeException e) {
        LOG.debug("{} {}: no error page ({})", ctx.request().method(), ctx.request().path(), e.toString());
        if (!ctx.response().ended()) {
          sendJson(ctx, describe(failure, ctx.statusCode(), maxBodyBytes));
        }
        return;
      }
    }
    if (page != null && !ctx.response().headWritten()) {
      // the same URL answers a page to a browser: caches keep the two apart
      ctx.response().putHeader("Vary", "Accept");
    }
    sendJson(ctx, logged(ctx, describe(failure, ctx.statusCode(), maxBodyBytes)));
  }

  /**
   * Whether a failure of this request is answered with a page: never under {@code /api/} nor for a
   * client that asks for ActivityStreams or JSON; always under the form prefixes; otherwise when
   * the client accepts {@code text/html} (every browser does, for a page, a form or a link).
   */
  public static boolean wantsPage(RoutingContext ctx, List<String> formPrefixes) {
    String path = ctx.request().path();
    if (path == null || path.equals("/api") || path.startsWith("/api/")) {
      return false;
    }
    for (String prefix : formPrefixes) {
      if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
        return true;
      }
    }
    String accept = ctx.request().getHeader("Accept");
    if (accept == null || Negotiation.wantsActivityStreams(accept)) {
      return false;
    }
    String lower = accept.toLowerCase(Locale.ROOT);
    return lower.contains("text/html") && !lower.contains("application/json");
  }

  /** Answers {@code failure} with the error page (nothing when the response has already ended). */
  public static void page(RoutingContext ctx, Throwable failure, ErrorPage page) {
    if (ctx.response().ended()) {
      return;
    }
    page.render(ctx, logged(ctx, describe(bodyFailure(ctx, failure), ctx.statusCode(), -1)));
  }

  /** A failure that means the form or multipart body did not decode, as the 400 it is ({@link MalformedRequest}). */
  private static Throwable bodyFailure(RoutingContext ctx, Throwable failure) {
    return !(failure instanceof NodeError)
        && MalformedRequest.isUndecodableBody(failure, ctx.request().getHeader("Content-Type"))
        ? NodeError.badRequest(MalformedRequest.MESSAGE) : failure;
  }

  /**
   * Answers {@code error} as JSON {@code {error, status[, fields]}} with {@code Retry-After} when it
   * says how long to wait; closes the connection when a response had already begun.
   */
  public static void sendJson(RoutingContext ctx, NodeError error) {
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    JsonObject body = new JsonObject().put("error", error.safeMessage()).put("status", error.status());
    if (!error.fields().isEmpty()) {
      body.put("fields", new JsonObject(new LinkedHashMap<String, Object>(error.fields())));
    }
    error.retryAfter().ifPresent(d -> ctx.response().putHeader("Retry-After", retryAfterSeconds(d)));
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  /**
   * What {@code failure} means for the client.
   *
   * @param statusCode the routing context's status code (a failure without exception has only that)
   * @param maxBodyBytes the body limit named in a status-only 413's message; negative: the standard reason
   */
  public static NodeError describe(Throwable failure, int statusCode, long maxBodyBytes) {
    if (failure instanceof NodeError e) {
      return e;
    }
    if (failure instanceof FederationException e && e.status() >= 400 && e.status() <= 599) {
      return NodeError.of(e.status(), e.safeMessage(), e.getCause());
    }
    if (failure instanceof HttpException e && e.getStatusCode() >= 400 && e.getStatusCode() <= 599) {
      return NodeError.of(e.getStatusCode(), e.getPayload() != null ? e.getPayload()
          : standardMessage(e.getStatusCode(), maxBodyBytes), e.getCause());
    }
    if (failure instanceof StorageUnavailableException
        || (failure != null && failure.getCause() instanceof StorageUnavailableException)) {
      return NodeError.storageUnavailable(failure);
    }
    if (failure instanceof DecodeException) {
      return NodeError.badRequest("invalid JSON");
    }
    if (MalformedRequest.isUndecodableBody(failure)) {
      return NodeError.badRequest(MalformedRequest.MESSAGE);
    }
    if (failure == null || (failure instanceof HttpException && statusCode >= 400)) {
      int status = statusCode >= 400 && statusCode <= 599 ? statusCode : 500;
      return NodeError.of(status, standardMessage(status, maxBodyBytes));
    }
    return NodeError.of(500, "internal error", failure);
  }

  /** The status {@code failure} answers with, wherever it happened. */
  public static int statusOf(Throwable failure) {
    return describe(failure, -1, -1).status();
  }

  /** Whole seconds, rounded up, at least 1. */
  static String retryAfterSeconds(Duration wait) {
    return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  private static String standardMessage(int status, long maxBodyBytes) {
    if (status == 413 && maxBodyBytes >= 0) {
      return "request body larger than " + maxBodyBytes + " bytes";
    }
    return NodeError.reason(status);
  }

  /**
   * A 5xx with a cause (a bug, an outage) goes to the log with that cause; a 5xx the node chose
   * without one (busy, closing, disabled) only at debug level, so that shedding load does not flood
   * the log; 4xx are the client's and stay out of it.
   */
  private static NodeError logged(RoutingContext ctx, NodeError error) {
    if (error.status() >= 500) {
      if (error.getCause() != null) {
        LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), error.safeMessage(),
            error.getCause());
      } else {
        LOG.debug("{} {} refused: {}", ctx.request().method(), ctx.request().path(), error);
      }
    }
    return error;
  }
}
