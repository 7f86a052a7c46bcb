package org.coordo.federation;

import java.net.URI;
import org.coordo.federation.FederationException;

/**
 * A remote fetch failed. The message is safe to log and to pass on (it names the URL and what went wrong,
 * nothing internal); {@link #reason()} lets callers decide (e.g. a 410 on an actor means "deleted").
 */
public final class FetchException extends FederationException {

  /** What went wrong. */
  public enum Reason {
    /** The URL may not be fetched: scheme, userinfo, or a loopback/private/… address. */
    FORBIDDEN_URL,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** Connection refused, reset, TLS failure, … */
    CONNECTION_FAILED,
    /** Connect or total timeout. */
    TIMEOUT,
    /** More redirects than allowed, or a redirect without a usable Location. */
    TOO_MANY_REDIRECTS,
    /** The body is larger than the cap. */
    TOO_LARGE,
    /** The answer is not a JSON content type. */
    NOT_JSON,
    /** The body does not parse as a JSON object. */
    INVALID_JSON,
    /** The remote answered with a non-2xx status (see {@link #remoteStatus()}). */
    HTTP_STATUS,
    /** The request could not be signed. */
    SIGNING_FAILED,
    /** The document's id is missing, or not of the origin that served it (after redirects). */
    WRONG_ID
  }

  private final Reason reason;
  private final URI url;
  private final int remoteStatus;

  public FetchException(Reason reason, URI url, String message) {
    this(reason, url, message, 0, null);
  }

  public FetchException(Reason reason, URI url, String message, int remoteStatus, Throwable cause) {
    super(statusFor(reason), message, cause);
    this.reason = reason;
    this.url = url;
    this.remoteStatus = remoteStatus;
  }

  private static int statusFor(Reason reason) {
    return switch (reason) {
      case FORBIDDEN_URL -> 400;
      case TIMEOUT -> 504;
      default -> 502;
    };
  }

  public Reason reason() {
    return reason;
  }

  /** The URL that failed (after redirects, the last one tried). */
  public URI url() {
    return url;
  }

  /** The remote HTTP status for {@link Reason#HTTP_STATUS}, else 0. */
  public int remoteStatus() {
    return remoteStatus;
  }
}
