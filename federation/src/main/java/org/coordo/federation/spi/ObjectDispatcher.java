package org.coordo.federation.spi;

import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Serves the server's own objects by id (Fedify's object dispatcher): the server says which paths
 * name its objects and reads one by id; federation mounts a {@code GET} for each path, answers
 * ActivityStreams clients with the JSON (authorized fetch checked first, {@code Vary: Accept}) and
 * passes every other request on ({@code ctx.next()}) to the server's page route for the same path.
 * It is the one way the protocol layer reads the server's objects: a lookup by id that it comes to
 * need (Fedify's {@code getObject}) goes through {@link #find}.
 *
 * <p>What is not public (a draft, anything the server does not show to anyone) is answered empty,
 * exactly like an unknown id: federation then answers 404.
 */
public interface ObjectDispatcher {

  /**
   * The path templates of the objects it serves, variables in braces:
   * {@code /collectives/{name}/calls/{id}}. The id a request names is the node's public URL with
   * the request's (normalised) path.
   */
  List<String> paths();

  /**
   * The object with this id: its document with 200, or a {@code Tombstone} with 410 once deleted
   * ({@link ServedObject}); empty when unknown or not public. May fail with a
   * {@link org.coordo.federation.FederationException} to answer another status.
   */
  Future<Optional<ServedObject>> find(URI id);

  /** The safe message of the 404 answered for an empty {@link #find}. */
  default String notFoundMessage() {
    return "not found";
  }
}
