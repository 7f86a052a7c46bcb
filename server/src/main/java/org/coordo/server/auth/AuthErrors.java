package org.coordo.server.auth;

import io.vertx.ext.web.handler.HttpException;

/**
 * The 401 and 403 failures, as vertx-web {@link HttpException}s whose payload is the safe message:
 * the node's failure handler answers them with {@code {"error": message, "status": N}}. Throw them
 * from a handler or a {@code respond} function, or pass them to {@code ctx.fail}.
 */
public final class AuthErrors {
  private AuthErrors() {}

  /** 401: no valid session or token. */
  public static HttpException unauthenticated() {
    return new HttpException(401, "Authentication required: log in or send a valid bearer token.");
  }

  /** 401 with a specific message (wrong credentials: keep it generic). */
  public static HttpException unauthenticated(String message) {
    return new HttpException(401, message);
  }

  /** 403: authenticated, but the role does not allow this. Say which role is needed. */
  public static HttpException forbidden(String message) {
    return new HttpException(403, message);
  }
}
