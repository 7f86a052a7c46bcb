package org.coordo.server.service.account;

import java.time.Duration;
import org.coordo.server.app.HttpFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A refused account operation: an HTTP status, a message safe to show, and for bad input one
 * message per field ({@code {error, status, fields: {username: "…"}}}). {@code retryAfter} is set
 * for 429. The account API answers it itself (with the fields); elsewhere the node's failure
 * handler answers {@code {error, status}} as for any {@link HttpFailure}.
 */
public final class AccountException extends RuntimeException implements HttpFailure {
  private final int status;
  private final Map<String, String> fields;
  private final Duration retryAfter;

  private AccountException(int status, String message, Map<String, String> fields, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.retryAfter = retryAfter;
  }

  public static AccountException of(int status, String message) {
    return new AccountException(status, message, Map.of(), null);
  }

  /** 422 with one message per invalid field. */
  public static AccountException invalid(Map<String, String> fields) {
    return new AccountException(422, "invalid input", new LinkedHashMap<>(fields), null);
  }

  /** 422 for a single field. */
  public static AccountException invalid(String field, String message) {
    return invalid(Map.of(field, message));
  }

  public static AccountException notFound(String message) {
    return of(404, message);
  }

  public static AccountException tooManyAttempts(Duration retryAfter) {
    return new AccountException(
        429, "Too many failed attempts; try again later.", Map.of(), retryAfter);
  }

  /** 503: too much password hashing queued; the client should retry shortly. */
  public static AccountException busy() {
    return new AccountException(503, "The server is busy; try again in a moment.", Map.of(), Duration.ofSeconds(2));
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String safeMessage() {
    return getMessage();
  }

  public Map<String, String> fields() {
    return fields;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
