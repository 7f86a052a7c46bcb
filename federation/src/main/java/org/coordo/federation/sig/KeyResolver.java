package org.coordo.federation.sig;

import io.vertx.core.Future;

/**
 * Finds the public key behind a signature's key id (implemented by the actor layer: local store first, then a
 * signed fetch of the key or actor document, cached).
 */
public interface KeyResolver {

  /**
   * @param keyId the key id from the signature ({@code …#main-key}, or GoToSocial's {@code …/main-key})
   * @param refresh true to bypass any cache and fetch again (a key rotation is suspected)
   * @return the key, or a failed future when it cannot be obtained
   */
  Future<ResolvedKey> resolve(String keyId, boolean refresh);
}
