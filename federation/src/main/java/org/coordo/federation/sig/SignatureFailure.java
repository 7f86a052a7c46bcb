package org.coordo.federation.sig;

/** Why an incoming signature was refused: a machine-readable reason next to the human message. */
public enum SignatureFailure {
  /** No {@code Signature}, {@code Signature-Input} or {@code Authorization: Signature} header. */
  MISSING_SIGNATURE,
  /** The signature headers cannot be parsed, or lack keyId / signature. */
  MALFORMED_SIGNATURE,
  /** An algorithm we do not verify (hmac, ecdsa, …), or one that does not fit the key. */
  UNSUPPORTED_ALGORITHM,
  /** An RFC 9421 component we do not derive ({@code ;bs}, {@code ;sf}, {@code @status}, …). */
  UNSUPPORTED_COMPONENT,
  /** The signed list does not cover the target ({@code (request-target)}, {@code @target-uri}, …). */
  TARGET_NOT_COVERED,
  /** The signed list covers neither the {@code date} header nor a creation time. */
  DATE_NOT_COVERED,
  /** The request has a body but the signed list covers no digest header. */
  DIGEST_NOT_COVERED,
  /** A covered header is absent from the request. */
  MISSING_HEADER,
  /** The {@code date} header or a time parameter cannot be parsed. */
  INVALID_DATE,
  /** Date or created is older than the window. */
  DATE_TOO_OLD,
  /** Date or created is further in the future than the window. */
  DATE_IN_FUTURE,
  /** The {@code expires} parameter is in the past. */
  EXPIRED,
  /** The digest header does not match the body. */
  DIGEST_MISMATCH,
  /** The digest header is malformed or uses only unknown algorithms. */
  DIGEST_INVALID,
  /** The signature does not verify with the key. */
  BAD_SIGNATURE,
  /** The key could not be obtained. */
  KEY_UNAVAILABLE
}
