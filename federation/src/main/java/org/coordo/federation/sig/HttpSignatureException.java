package org.coordo.federation.sig;

/**
 * An incoming request's signature was refused. The inbox answers {@link #httpStatus()} (401) with
 * {@link #getMessage()}, which is safe to show the sender: it names what failed, never key material.
 */
public final class HttpSignatureException extends RuntimeException {
  private final SignatureFailure reason;

  public HttpSignatureException(SignatureFailure reason, String message) {
    super(message);
    this.reason = reason;
  }

  public HttpSignatureException(SignatureFailure reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public SignatureFailure reason() {
    return reason;
  }

  /** 401 for every reason: the sender may retry with another scheme or a fresh key (double-knocking). */
  public int httpStatus() {
    return 401;
  }

  public VerificationResult toResult() {
    return VerificationResult.fail(reason, getMessage());
  }
}
