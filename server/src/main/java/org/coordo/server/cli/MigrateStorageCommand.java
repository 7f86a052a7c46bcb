package org.coordo.server.cli;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.RunFile;
import org.coordo.server.app.StorageMigration;
import org.coordo.server.app.StorageMigration.Target;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.KvStore;
import org.coordo.storage.StorageException;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * {@code ./coordo migrate-storage --to postgresql}: copies a stopped node's RocksDB database into an
 * empty PostgreSQL database (the {@code storage.postgresql.*} settings), then checks the copy. The
 * RocksDB data dir is left untouched, so a failed or refused migration changes nothing a node reads.
 */
final class MigrateStorageCommand implements Command {

  /** Opens the target store of a backend, with its queues as the node opens them there. */
  interface TargetOpener {
    Target open(NodeConfig config);
  }

  static final int BATCH = 1000;
  static final int SAMPLE_EVERY = 1000;

  private final TargetOpener postgresql;

  MigrateStorageCommand(TargetOpener postgresql) {
    this.postgresql = postgresql;
  }

  @Override
  public String name() {
    return "migrate-storage";
  }

  @Override
  public String summary() {
    return "copy a stopped node's RocksDB data into an empty PostgreSQL database";
  }

  @Override
  public String help() {
    return "Usage: ./coordo migrate-storage --to postgresql [--config FILE]\n\n"
        + "Copies the database of dataDir/db (RocksDB) into the PostgreSQL database named by the\n"
        + "storage.postgresql.* settings, then checks it: the number of entries of every table, and a\n"
        + "sample of entries compared byte for byte. Pending deliveries and mails are copied too.\n"
        + "The node must be stopped; the PostgreSQL database must be empty. dataDir/db is not changed:\n"
        + "if anything goes wrong, start the node again as before. Once it succeeds, set\n"
        + "storage.backend to postgresql and start the node.\n\n"
        + "Options:\n"
        + "  --to postgresql  the backend to copy to (the only one)\n"
        + Args.CONFIG_HELP;
  }

  @Override
  public int run(List<String> rawArgs, Cli cli) {
    String to = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < rawArgs.size(); i++) {
      String arg = rawArgs.get(i);
      if (arg.equals("--to")) {
        if (i + 1 >= rawArgs.size()) {
          throw new UsageException("--to needs a backend: --to postgresql");
        }
        to = rawArgs.get(++i);
      } else if (arg.startsWith("--to=")) {
        to = arg.substring("--to=".length());
      } else {
        rest.add(arg);
      }
    }
    Args args = Args.parse(rest);
    if (to == null || !args.positional().isEmpty()) {
      return cli.usageError("usage: ./coordo migrate-storage --to postgresql [--config FILE]");
    }
    if (!to.equals("postgresql")) {
      return cli.usageError("cannot migrate to '" + to + "': the only target is postgresql");
    }
    NodeConfig config = args.loadConfig(cli).config();
    DataDir dataDir = new DataDir(config.dataDir());
    Optional<RunFile> running = RunFile.read(dataDir.runFile()).filter(RunFile::processAlive);
    if (running.isPresent()) {
      return cli.fail("a node is running on " + dataDir.root() + " (pid " + running.get().pid()
          + "): stop it first (the copy needs a database nobody writes to)");
    }
    if (!Files.isDirectory(dataDir.db())) {
      return cli.fail("no RocksDB database in " + dataDir.db() + " (is dataDir right?)");
    }
    try (RocksKvStore source = RocksKvStore.open(dataDir.db(), StorageSchema.options())) {
      Target target;
      try {
        target = postgresql.open(config);
      } catch (RuntimeException e) {
        return cli.fail("cannot open the PostgreSQL database: " + e.getMessage()
            + " (check storage.postgresql.* and that PostgreSQL runs; nothing was copied)");
      }
      try (target) {
        return migrate(cli, source, target);
      }
    } catch (StorageException e) {
      return cli.fail("migration failed: " + e.getMessage() + " (dataDir/db is unchanged: empty the"
          + " PostgreSQL database, e.g. drop and create it again, then retry)");
    }
  }

  private static int migrate(Cli cli, KvStore source, Target target) {
    StorageMigration migration = new StorageMigration(source, target.store(), target.queues(), cli.out(),
        Clock.systemUTC(), BATCH, SAMPLE_EVERY);
    List<String> used = migration.nonEmptyTarget();
    if (!used.isEmpty()) {
      return cli.fail("the target " + target.describe() + " is not empty (" + String.join(", ", used)
          + "): migrate only into an empty database (drop and create it again); nothing was copied");
    }
    cli.out().println("copying " + "dataDir/db into " + target.describe());
    long started = System.nanoTime();
    StorageMigration.Report report = migration.run();
    long millis = (System.nanoTime() - started) / 1_000_000;
    long jobs = report.queues().stream().mapToLong(StorageMigration.QueueCheck::copied).sum();
    if (!report.ok()) {
      report.keyspaces().stream().filter(c -> !c.ok()).forEach(c ->
          cli.err().println("coordo: " + c.keyspace() + ": " + String.join("; ", c.mismatches())));
      report.queues().stream().filter(q -> !q.ok()).forEach(q ->
          cli.err().println("coordo: queue " + q.queue() + ": " + q.source() + " pending, " + q.copied()
              + " copied, " + q.target() + " in the target"));
      return cli.fail("the copy does not match the source: do not start the node on " + target.describe()
          + "; dataDir/db is unchanged (empty the PostgreSQL database and retry)");
    }
    cli.out().println("migrated " + report.entries() + " entries in " + report.keyspaces().size()
        + " tables and " + jobs + " pending jobs in " + millis + " ms; counts and samples match.");
    cli.out().println("Next: set storage.backend to postgresql and start the node (./coordo run).");
    return Cli.OK;
  }
}
