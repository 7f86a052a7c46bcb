package org.coordo.server.service.publication;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A publishing failure with an HTTP status, a safe message and, for validation (422), one message
 * per field. The publication routes' failure handler renders it as {@code {error, status, fields}}.
 */
public class PublicationException extends RuntimeException {
  private final int status;
  private final Map<String, String> fields;

  public PublicationException(int status, String message) {
    this(status, message, Map.of());
  }

  public PublicationException(int status, String message, Map<String, String> fields) {
    super(message);
    this.status = status;
    this.fields = Map.copyOf(new LinkedHashMap<>(fields));
  }

  public int status() {
    return status;
  }

  public String safeMessage() {
    return getMessage();
  }

  /** Field path → message, for 422; empty otherwise. */
  public Map<String, String> fields() {
    return fields;
  }

  public static PublicationException notFound(String what) {
    return new PublicationException(404, what + " not found");
  }

  public static PublicationException forbidden(String message) {
    return new PublicationException(403, message);
  }

  public static PublicationException invalid(Map<String, String> fields) {
    return new PublicationException(422, "validation failed", fields);
  }

  public static PublicationException badRequest(String message) {
    return new PublicationException(400, message);
  }
}
