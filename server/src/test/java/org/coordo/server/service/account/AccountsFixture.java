package org.coordo.server.service.account;

import org.coordo.server.data.StoreCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.error.NodeError;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * Real account services for tests: RocksDB in a temp dir opened with the node's schema, a Vert.x
 * worker, the federation's LocalActors on the same store, a mutable clock and cheap Argon2
 * parameters. Close it.
 */
public final class AccountsFixture implements AutoCloseable {
  public static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(256, 1, 1);

  public final MutableClock clock = MutableClock.fixed();
  public final Vertx vertx = Vertx.vertx();
  public final RocksKvStore store;
  public final WorkerExecutor worker;
  public final LocalActors actors;
  public final AccountData data;
  public final Accounts accounts;

  public AccountsFixture(Path dir) {
    this(dir, URI.create("https://coordo.test"));
  }

  public AccountsFixture(Path dir, URI publicUrl) {
    store = RocksKvStore.open(dir.resolve("db"), StorageSchema.options());
    worker = vertx.createSharedWorkerExecutor("accounts-test", 2);
    actors = new LocalActors(new LocalActorRepository(store), worker, clock);
    data = new AccountData(store);
    accounts = new Accounts(AccountStore.on(data, StoreCalls.on(store, worker)), actors, worker,
        Accounts.Settings.defaults(publicUrl).withHashing(CHEAP), clock);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** The {@link NodeError} a future must fail with. */
  public static NodeError refused(Future<?> future) {
    Throwable t = failure(future);
    if (t instanceof NodeError e) {
      return e;
    }
    throw new AssertionError("expected a NodeError, got " + t, t);
  }

  @Override
  public void close() {
    await(worker.close());
    await(vertx.close());
    store.close();
  }
}
