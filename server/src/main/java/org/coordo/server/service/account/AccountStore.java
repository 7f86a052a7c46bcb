package org.coordo.server.service.account;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.function.Function;
import org.coordo.server.data.account.AccountData;

/**
 * Runs synchronous account storage code off the event loop. In the node it goes through the
 * node's storage worker; the command line uses {@link #on(AccountData, WorkerExecutor)}.
 */
public interface AccountStore {

  <T> Future<T> call(Function<AccountData, T> work);

  /** Runs the work on the given worker executor. */
  static AccountStore on(AccountData data, WorkerExecutor worker) {
    return new AccountStore() {
      @Override
      public <T> Future<T> call(Function<AccountData, T> work) {
        return worker.executeBlocking(() -> work.apply(data), false);
      }
    };
  }
}
