package org.coordo.server.auth;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Turns a credential presented with a request into a {@link Principal}. Implementations run the
 * lookup on a worker (storage is blocking) and answer empty for unknown, expired or revoked
 * credentials.
 */
public interface Authenticator {

  /** The principal of the session whose cookie value (the raw token) is given. */
  Future<Optional<Principal>> bySessionToken(String token);

  /** The principal of an API token sent as {@code Authorization: Bearer <token>}. */
  Future<Optional<Principal>> byBearerToken(String token);
}
