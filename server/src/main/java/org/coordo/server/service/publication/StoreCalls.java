package org.coordo.server.service.publication;

import io.vertx.core.Future;
import java.util.function.Function;
import org.coordo.storage.KvStore;

/**
 * Runs synchronous store code on a worker thread (the node's {@code NodeStorage::call} fits). The
 * only way services reach the store: never on an event loop.
 */
@FunctionalInterface
public interface StoreCalls {
  <T> Future<T> call(Function<KvStore, T> work);
}
