package org.coordo.federation;

/**
 * A federation failure carrying an HTTP status and a message that is safe to show to a remote
 * peer (no stack traces, no internal paths, no secrets). The federation routes turn it into a
 * JSON body {@code {"error": safeMessage, "status": status}}.
 */
public class FederationException extends RuntimeException {

  private final int status;
  private final String safeMessage;

  public FederationException(int status, String safeMessage) {
    super(safeMessage);
    this.status = status;
    this.safeMessage = safeMessage;
  }

  public FederationException(int status, String safeMessage, Throwable cause) {
    super(safeMessage, cause);
    this.status = status;
    this.safeMessage = safeMessage;
  }

  /** The HTTP status to answer with (4xx for the peer's fault, 5xx for ours). */
  public int status() {
    return status;
  }

  /** The message safe to send to a remote peer. */
  public String safeMessage() {
    return safeMessage;
  }

  public static FederationException badRequest(String message) {
    return new FederationException(400, message);
  }

  public static FederationException notFound(String message) {
    return new FederationException(404, message);
  }

  public static FederationException conflict(String message) {
    return new FederationException(409, message);
  }
}
