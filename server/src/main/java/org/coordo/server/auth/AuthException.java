package org.coordo.server.auth;

import io.vertx.core.json.JsonObject;

/**
 * 401 (not authenticated) or 403 (not allowed), with a message safe to show.
 * {@link AuthHandler#failureHandler()} answers it with JSON {@code {error, status}}.
 */
public final class AuthException extends RuntimeException {

  private final int status;

  private AuthException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 401: no valid session or token. */
  public static AuthException unauthenticated() {
    return new AuthException(401, "Authentication required: log in or send a valid bearer token.");
  }

  /** 401 with a specific message (e.g. wrong credentials, kept generic by the caller). */
  public static AuthException unauthenticated(String message) {
    return new AuthException(401, message);
  }

  /** 403: authenticated, but the role does not allow this. Say which role is needed. */
  public static AuthException forbidden(String message) {
    return new AuthException(403, message);
  }

  /** 401 or 403. */
  public int status() {
    return status;
  }

  public String safeMessage() {
    return getMessage();
  }

  public JsonObject toJson() {
    return new JsonObject().put("error", getMessage()).put("status", status);
  }
}
