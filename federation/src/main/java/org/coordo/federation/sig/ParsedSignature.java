package org.coordo.federation.sig;

import java.util.List;

/**
 * An incoming signature, parsed but not yet verified. Call {@link #keyId()} to know which key to fetch, then
 * {@link SignatureVerifier#verify(SignedRequest, ParsedSignature, java.security.PublicKey)}.
 */
public final class ParsedSignature {
  private final SignatureScheme scheme;
  private final String label;
  private final String keyId;
  private final String algorithm;
  private final List<String> covered;
  private final Long created;
  private final Long expires;
  private final byte[] signature;
  /** RFC 9421 only: the parsed inner list, needed to rebuild the signature base. */
  final StructuredFields.InnerList rfc9421Input;

  ParsedSignature(SignatureScheme scheme, String label, String keyId, String algorithm, List<String> covered,
      Long created, Long expires, byte[] signature, StructuredFields.InnerList rfc9421Input) {
    this.scheme = scheme;
    this.label = label;
    this.keyId = keyId;
    this.algorithm = algorithm;
    this.covered = List.copyOf(covered);
    this.created = created;
    this.expires = expires;
    this.signature = signature.clone();
    this.rfc9421Input = rfc9421Input;
  }

  public SignatureScheme scheme() {
    return scheme;
  }

  /** RFC 9421 label ({@code sig1}); null for draft-cavage. */
  public String label() {
    return label;
  }

  /** The key id to resolve: an actor key URL such as {@code https://x/users/a#main-key} or {@code …/main-key}. */
  public String keyId() {
    return keyId;
  }

  /** The algorithm parameter as sent ({@code rsa-sha256}, {@code hs2019}, {@code rsa-v1_5-sha256}); null when absent. */
  public String algorithm() {
    return algorithm;
  }

  /**
   * What the signature covers: lower-case header names and pseudo-headers for draft-cavage
   * ({@code (request-target)}), component names for RFC 9421 ({@code @method}, {@code content-digest}).
   */
  public List<String> covered() {
    return covered;
  }

  /** The creation time parameter (epoch seconds), or null. */
  public Long created() {
    return created;
  }

  /** The expiry time parameter (epoch seconds), or null. */
  public Long expires() {
    return expires;
  }

  byte[] signatureBytes() {
    return signature;
  }

  @Override
  public String toString() {
    return "ParsedSignature[" + scheme + (label == null ? "" : " " + label) + ", keyId=" + keyId + ", alg=" + algorithm
        + ", covers " + covered + "]";
  }
}
