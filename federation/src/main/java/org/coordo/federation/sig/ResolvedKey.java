package org.coordo.federation.sig;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A public key and the actor that owns it, as its document says ({@code publicKey.owner}).
 *
 * @param keyId the key id as resolved
 * @param ownerActorId the owning actor's id
 * @param key the key
 */
public record ResolvedKey(String keyId, String ownerActorId, PublicKey key) {
  public ResolvedKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(ownerActorId, "ownerActorId");
    Objects.requireNonNull(key, "key");
  }
}
