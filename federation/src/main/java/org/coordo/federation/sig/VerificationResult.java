package org.coordo.federation.sig;

/**
 * The outcome of a signature check: ok, or a {@link SignatureFailure} with a human message such as
 * {@code "date is 3712 s old; the window is 3600 s"}.
 */
public record VerificationResult(SignatureFailure failure, String message) {
  private static final VerificationResult OK = new VerificationResult(null, "ok");

  public static VerificationResult ok() {
    return OK;
  }

  public static VerificationResult fail(SignatureFailure failure, String message) {
    return new VerificationResult(java.util.Objects.requireNonNull(failure), message);
  }

  public boolean isOk() {
    return failure == null;
  }

  /** Throws {@link HttpSignatureException} when this is a failure. */
  public void orThrow() {
    if (failure != null) {
      throw new HttpSignatureException(failure, message);
    }
  }
}
