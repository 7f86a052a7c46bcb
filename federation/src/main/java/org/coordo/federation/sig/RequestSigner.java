package org.coordo.federation.sig;

import java.net.URI;
import java.util.Map;

/**
 * Signs outgoing requests for one key (an actor's, or the instance actor's for fetches).
 *
 * <p>Implementations: {@link CavageSigner} (what every fediverse server verifies) and {@link Rfc9421Signer}.
 * Signing with RSA costs about a millisecond of CPU: call {@link #sign} from a worker, not an event loop.
 */
public interface RequestSigner {

  /** The key id put in the signature, e.g. {@code https://node.example/actors/grenoble#main-key}. */
  String keyId();

  /**
   * The headers to add to the request, in order (names in canonical case: {@code Host}, {@code Date},
   * {@code Digest}, {@code Signature}, …). The body must be the exact bytes that will be sent (null or empty for
   * none); the caller must send every returned header unchanged.
   */
  Map<String, String> sign(String method, URI target, byte[] body);
}
