package org.coordo.federation.sig;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.Objects;

/**
 * A local actor's signing key as outgoing requests need it: the key id and the RSA private key, from which a signer
 * of either scheme is made (the double knock needs both).
 */
public record SigningKey(String keyId, PrivateKey key) {

  public SigningKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
  }

  /** A signer of the given scheme with this key ({@link Rfc9421Signer} or {@link CavageSigner}). */
  public RequestSigner signer(SignatureScheme scheme, Clock clock) {
    return scheme == SignatureScheme.RFC9421 ? new Rfc9421Signer(keyId, key, clock) : new CavageSigner(keyId, key, clock);
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]";
  }
}
