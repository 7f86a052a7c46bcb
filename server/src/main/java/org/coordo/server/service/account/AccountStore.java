package org.coordo.server.service.account;

import org.coordo.server.data.StoreCalls;
import io.vertx.core.Future;
import java.util.function.Function;
import org.coordo.server.data.account.AccountData;

/**
 * Runs synchronous account storage code off the event loop. In the node it goes through the
 * node's storage worker; the command line too, on its own worker (see {@link StoreCalls#on}).
 */
public interface AccountStore {

  <T> Future<T> call(Function<AccountData, T> work);

  /** Runs the work on the given worker executor. */
  /** Account storage through the node's one way to the store ({@link StoreCalls}). */
  static AccountStore on(AccountData data, StoreCalls storage) {
    return new AccountStore() {
      @Override
      public <T> Future<T> call(Function<AccountData, T> work) {
        return storage.call(store -> work.apply(data));
      }
    };
  }
}
