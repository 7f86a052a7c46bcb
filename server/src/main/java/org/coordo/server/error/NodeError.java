package org.coordo.server.error;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's one error type: whatever the node refuses or fails to do, with the HTTP status to
 * answer, a message that is safe to show to the client, for bad input one message per field (422),
 * for 429 and 503 how long to wait ({@code Retry-After}), and the cause for the log only.
 *
 * <p>Named for the node rather than for HTTP because services throw it too (accounts, publishing,
 * feeds, text limits) and the command line prints it; only {@link ErrorResponses} turns it into a
 * response ({@code {error, status[, fields]}} or the error page). Federation keeps its own {@code
 * FederationException}, which {@link ErrorResponses} maps the same way.
 *
 * <p>Throw it from a handler or fail a future with it: {@code NodeError.notFound("publication")}.
 * No stack trace is captured (a refusal is not a bug); a 5xx built with a cause logs that cause.
 */
public final class NodeError extends RuntimeException {
  /** The summary of the account API's 422 (the publication API says {@link #VALIDATION_FAILED}). */
  public static final String INVALID_INPUT = "invalid input";
  public static final String VALIDATION_FAILED = "validation failed";

  private final int status;
  private final Map<String, String> fields;
  private final Duration retryAfter;

  private NodeError(int status, String safeMessage, Map<String, String> fields, Duration retryAfter, Throwable cause) {
    super(safeMessage != null ? safeMessage : reason(status), cause, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
    }
    this.status = status;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.retryAfter = retryAfter;
  }

  /** {@code status} with {@code safeMessage} (null: the status's standard reason, e.g. "not found"). */
  public static NodeError of(int status, String safeMessage) {
    return new NodeError(status, safeMessage, Map.of(), null, null);
  }

  /** {@code status} with {@code safeMessage}; {@code cause} goes to the log (5xx) and never to the client. */
  public static NodeError of(int status, String safeMessage, Throwable cause) {
    return new NodeError(status, safeMessage, Map.of(), null, cause);
  }

  /** 400 with {@code message}. */
  public static NodeError badRequest(String message) {
    return of(400, message);
  }

  /** 400 naming the parameter: {@code badParameter("from", "expected a date like 2026-03-14")}. */
  public static NodeError badParameter(String name, String expected) {
    return of(400, name + ": " + expected);
  }

  /** 401: no valid session or token. */
  public static NodeError unauthenticated() {
    return of(401, "Authentication required: log in or send a valid bearer token.");
  }

  /** 401 with a specific message (wrong credentials: keep it generic). */
  public static NodeError unauthenticated(String message) {
    return of(401, message);
  }

  /** 403: known, but not allowed to do this. Say which role is needed. */
  public static NodeError forbidden(String message) {
    return of(403, message);
  }

  /** 400 about one field: the message is the safe message and the field's (a form shows it by the field). */
  public static NodeError badField(String field, String message) {
    return new NodeError(400, message, Map.of(field, message), null, null);
  }

  /** 404 {@code "<what> not found"}: {@code notFound("publication")}. */
  public static NodeError notFound(String what) {
    return of(404, what + " not found");
  }

  /** 404 with {@code message} as given: {@code missing("no such user: " + name)}. */
  public static NodeError missing(String message) {
    return of(404, message);
  }

  /** 409 with {@code message}. */
  public static NodeError conflict(String message) {
    return of(409, message);
  }

  /** 410 with {@code message}: it existed and is no more. */
  public static NodeError gone(String message) {
    return of(410, message);
  }

  /** 413 with {@code message}. */
  public static NodeError tooLarge(String message) {
    return of(413, message);
  }

  /** 415 with {@code message}. */
  public static NodeError unsupportedType(String message) {
    return of(415, message);
  }

  /** 422 "invalid input" with one message per invalid field (the account API's shape). */
  public static NodeError invalid(Map<String, String> fields) {
    return new NodeError(422, INVALID_INPUT, fields, null, null);
  }

  /** 422 "invalid input" for a single field. */
  public static NodeError invalid(String field, String message) {
    return invalid(Map.of(field, message));
  }

  /** 422 "validation failed" with one message per field path (the publication API's shape). */
  public static NodeError validationFailed(Map<String, String> fields) {
    return new NodeError(422, VALIDATION_FAILED, fields, null, null);
  }

  /** 422 without fields: a text refused because reading it would cost too much. */
  public static NodeError tooComplex(String message) {
    return of(422, message);
  }

  /** 429 after too many failed attempts; the client may try again after {@code retryAfter}. */
  public static NodeError tooManyAttempts(Duration retryAfter) {
    return new NodeError(429, "Too many failed attempts; try again later.", Map.of(), retryAfter, null);
  }

  /** 503: too much work queued (password hashing); the client should retry in two seconds. */
  public static NodeError busy() {
    return new NodeError(503, "The server is busy; try again in a moment.", Map.of(), Duration.ofSeconds(2), null);
  }

  /** 503 with {@code Retry-After}: the database does not answer right now (it restarts); the cause goes to the log. */
  public static NodeError storageUnavailable(Throwable cause) {
    return new NodeError(503, "The database is not reachable right now; try again in a moment.", Map.of(),
        Duration.ofSeconds(5), cause);
  }

  /** 503 with {@code message} and no {@code Retry-After}: a part of the node is not available. */
  public static NodeError unavailable(String message) {
    return of(503, message);
  }

  public int status() {
    return status;
  }

  /** The message the client sees. */
  public String safeMessage() {
    return getMessage();
  }

  /** Field (or field path) → message, for 422; empty otherwise. */
  public Map<String, String> fields() {
    return fields;
  }

  /** How long the client should wait before trying again (429, 503), when said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String toString() {
    return "NodeError " + status + ": " + getMessage() + (fields.isEmpty() ? "" : " " + fields);
  }

  /** The standard reason phrase of {@code status}, lower case: "not found", "method not allowed". */
  static String reason(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT);
  }
}
