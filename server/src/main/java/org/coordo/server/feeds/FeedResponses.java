package org.coordo.server.feeds;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

/**
 * Sends a generated feed with its content type, a strong {@code ETag} (SHA-256 of the bytes),
 * {@code Cache-Control: public, max-age=300}, and {@code 304 Not Modified} (no body) when the
 * request's {@code If-None-Match} names that tag ({@code *}, lists and weak tags understood, RFC 9110
 * §13.1.2). Readers poll feeds often: the 304 saves the body, the max-age saves the request.
 */
public final class FeedResponses {

  /** Mounts a feed at {@code path} for GET and HEAD; synchronous throws and failed futures both reach the failure handlers. */
  public static void getOrHead(Router router, String path, Function<RoutingContext, Future<Void>> handler) {
    Handler<RoutingContext> h = ctx -> {
      try {
        handler.apply(ctx).onFailure(ctx::fail);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    };
    AccessGate.api(router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD), Access.PUBLIC).handler(h);
  }
  public static final String CACHE_CONTROL = "public, max-age=300";

  private FeedResponses() {}

  /** Sends {@code body} as {@code format}. */
  public static Future<Void> send(RoutingContext ctx, FeedFormat format, byte[] body) {
    return send(ctx, format.contentType(), body, null);
  }

  /**
   * Sends one event's {@code .ics} with {@code Content-Disposition: inline; filename="…"} so that
   * browsers hand it to the calendar application.
   *
   * @param fileName a plain file name ({@code [A-Za-z0-9._-]}, other characters become {@code _})
   */
  public static Future<Void> sendCalendarFile(RoutingContext ctx, byte[] body, String fileName) {
    String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    return send(ctx, FeedFormat.ICALENDAR.contentType(), body, "inline; filename=\"" + safe + "\"");
  }

  /** {@link #sendCalendarFile} for one reader (a members-only event): never kept by shared caches. */
  public static Future<Void> sendPrivateCalendarFile(RoutingContext ctx, byte[] body, String fileName) {
    String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    return send(ctx, FeedFormat.ICALENDAR.contentType(), body, "inline; filename=\"" + safe + "\"",
        PRIVATE_CACHE_CONTROL);
  }

  /**
   * Sends a feed meant for one person (a member's private calendar): never kept by shared caches,
   * nor by search engines.
   */
  public static Future<Void> sendPrivate(RoutingContext ctx, FeedFormat format, byte[] body) {
    ctx.response().putHeader("X-Robots-Tag", "noindex, nofollow");
    return send(ctx, format.contentType(), body, null, PRIVATE_CACHE_CONTROL);
  }

  public static final String PRIVATE_CACHE_CONTROL = "private, max-age=300";

  private static Future<Void> send(RoutingContext ctx, String contentType, byte[] body, String disposition) {
    return send(ctx, contentType, body, disposition, CACHE_CONTROL);
  }

  private static Future<Void> send(RoutingContext ctx, String contentType, byte[] body, String disposition,
      String cacheControl) {
    String etag = etag(body);
    HttpServerResponse response = ctx.response()
        .putHeader("ETag", etag)
        .putHeader("Cache-Control", cacheControl)
        .putHeader("X-Content-Type-Options", "nosniff");
    if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
      return response.setStatusCode(304).end();
    }
    response.putHeader("Content-Type", contentType);
    if (disposition != null) {
      response.putHeader("Content-Disposition", disposition);
    }
    return response.setStatusCode(200).end(Buffer.buffer(body));
  }

  /** {@code "…"}: base64url of the first 16 bytes of the SHA-256 of {@code body}. */
  public static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      byte[] head = new byte[16];
      System.arraycopy(hash, 0, head, 0, head.length);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(head) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Whether an {@code If-None-Match} value names {@code etag}, by weak comparison. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    String trimmed = ifNoneMatch.trim();
    if (trimmed.equals("*")) {
      return true;
    }
    String opaque = opaque(etag);
    for (String candidate : trimmed.split(",")) {
      if (opaque.equals(opaque(candidate.trim()))) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
