package org.coordo.federation.sig;

/** Which HTTP signature scheme a request used. */
public enum SignatureScheme {
  /** draft-cavage-http-signatures-12: {@code Signature} or {@code Authorization: Signature …}. */
  CAVAGE,
  /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} + {@code Signature}. */
  RFC9421
}
