package org.coordo.server.cli.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.coordo.federation.ActorDirectory;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.api.account.AdminOperations;
import org.coordo.server.cli.Blocking;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.RunFile;
import org.coordo.server.app.StoreBackend;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.ControlCall;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.AccountStore;
import org.coordo.server.service.account.Accounts;
import org.coordo.storage.KvStore;

/**
 * Runs an {@link AdminOperations} operation where the database is: in the running node (its run
 * file names a live process) through {@code POST /_control/admin/:operation} over loopback with
 * the control token, else in this process on the data directory (RocksDB admits one process).
 */
final class AdminRunner {

  /** The operation's JSON result, or empty after printing why it failed. */
  Optional<JsonObject> run(Cli cli, AdminArgs args, String operation, JsonObject request) {
    NodeConfig config = ConfigLoader.load(args.config(), cli.env()).config();
    DataDir dataDir = new DataDir(config.dataDir());
    Optional<RunFile> running = RunFile.read(dataDir.runFile()).filter(RunFile::processAlive);
    return running.isPresent()
        ? online(cli, dataDir, running.get(), operation, request)
        : offline(cli, config, dataDir, operation, request);
  }

  private Optional<JsonObject> online(Cli cli, DataDir dataDir, RunFile run, String operation, JsonObject request) {
    Optional<ControlCall.Answer> answer = ControlCall.post(cli, dataDir, run, "/_control/admin/" + operation,
        request, Duration.ofMinutes(2));
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (!answer.get().ok()) {
      printError(cli, answer.get().error(), answer.get().body().getJsonObject("fields"));
      return Optional.empty();
    }
    return Optional.of(answer.get().body());
  }


  private Optional<JsonObject> offline(
      Cli cli, NodeConfig config, DataDir dataDir, String operation, JsonObject request) {
    try {
      Files.createDirectories(dataDir.root());
    } catch (IOException e) {
      cli.fail("cannot create the data directory " + dataDir.root() + ": " + e.getMessage());
      return Optional.empty();
    }
    // the configured store: RocksDB in the data directory, or the PostgreSQL database other processes may share
    Vertx vertx = Vertx.vertx();
    Clock clock = Clock.systemUTC();
    StoreBackend backend;
    try {
      backend = StoreBackend.open(vertx, config, clock); // blocking: this is the command's own thread
    } catch (RuntimeException e) {
      await(vertx.close());
      cli.fail("cannot open the database (" + (config.storage().backend() == NodeConfig.Storage.Backend.POSTGRESQL
          ? "PostgreSQL, storage.postgresql.*" : dataDir.db().toString()) + "): " + e.getMessage());
      return Optional.empty();
    }
    KvStore store = backend.store();
    try {
      WorkerExecutor worker = vertx.createSharedWorkerExecutor("coordo-admin", 2);
      Accounts accounts = new Accounts(AccountStore.on(new AccountData(store), StoreCalls.on(store, worker)),
          ActorDirectory.onStore(store, worker, clock), worker,
          Accounts.Settings.defaults(config.publicUrl()), clock);
      return Optional.of(await(new AdminOperations(accounts).run(operation, request)));
    } catch (NodeError e) {
      printError(cli, e.safeMessage(), e.fields().isEmpty() ? null : new JsonObject(new java.util.LinkedHashMap<>(e.fields())));
      return Optional.empty();
    } catch (RuntimeException e) {
      cli.fail(operation + " failed: " + e.getMessage());
      return Optional.empty();
    } finally {
      try {
        backend.close();
      } finally {
        await(vertx.close());
      }
    }
  }

  private static void printError(Cli cli, String message, JsonObject fields) {
    cli.fail(message);
    if (fields != null) {
      fields.forEach(e -> cli.err().println("  " + e.getKey() + ": " + e.getValue()));
    }
  }

  private static <T> T await(Future<T> future) {
    return Blocking.await(future, Duration.ofMinutes(2));
  }
}
