package org.coordo.server.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.RunFile;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.StorageException;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * {@code ./coordo backup DIR}: a consistent copy of the node's database. While a node runs (its run
 * file names a live process) the node itself writes the backup, asked over loopback through {@code
 * POST /_control/backup} with the token of {@code dataDir/control.token}; otherwise this process
 * opens the database and writes it.
 */
final class BackupCommand implements Command {

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public String summary() {
    return "write a consistent backup of the database into DIR (works while the node runs)";
  }

  @Override
  public String help() {
    return "Usage: ./coordo backup [--config FILE] DIR\n\n"
        + "Writes a consistent copy of dataDir/db into DIR, which must not exist or be empty.\n"
        + "If a node runs on this data dir it writes the backup itself (asked over 127.0.0.1 with\n"
        + "the token in dataDir/control.token); otherwise the database is opened here.\n"
        + "Restore with ./coordo restore DIR.\n\n"
        + "Options:\n" + Args.CONFIG_HELP;
  }

  /** Backup and restore write RocksDB checkpoints; a node on PostgreSQL is backed up with PostgreSQL's tools. */
  static final String POSTGRESQL_BACKUP = "storage.backend is postgresql: this command copies the embedded RocksDB"
      + " database only; back up and restore the PostgreSQL database with its own tools (pg_dump / pg_restore,"
      + " or continuous archiving): docs/SCALING.md, \"Backups\"";

  @Override
  public int run(List<String> rawArgs, Cli cli) {
    Args args = Args.parse(rawArgs);
    if (args.positional().size() != 1) {
      return cli.usageError("usage: ./coordo backup [--config FILE] DIR");
    }
    Path target = Path.of(args.positional().get(0)).toAbsolutePath().normalize();
    NodeConfig config = args.loadConfig(cli).config();
    if (config.storage().backend() == NodeConfig.Storage.Backend.POSTGRESQL) {
      return cli.fail(POSTGRESQL_BACKUP);
    }
    DataDir dataDir = new DataDir(config.dataDir());
    Optional<RunFile> running = RunFile.read(dataDir.runFile()).filter(RunFile::processAlive);
    return running.isPresent() ? online(cli, dataDir, running.get(), target) : offline(cli, dataDir, target);
  }

  private static int online(Cli cli, DataDir dataDir, RunFile run, Path target) {
    Optional<ControlCall.Answer> answer = ControlCall.post(cli, dataDir, run, "/_control/backup",
        new JsonObject().put("dir", target.toString()), Duration.ofHours(1));
    if (answer.isEmpty()) {
      return Cli.FAILED;
    }
    JsonObject body = answer.get().body();
    if (!answer.get().ok()) {
      return cli.fail("backup failed: " + answer.get().error() + " (HTTP " + answer.get().status() + ")");
    }
    cli.out().println("backup written to " + target + " by the running node (pid " + run.pid()
        + ", schema version " + body.getValue("schemaVersion") + ", " + body.getValue("millis") + " ms)");
    return Cli.OK;
  }

  private static int offline(Cli cli, DataDir dataDir, Path target) {
    if (!Files.isDirectory(dataDir.db())) {
      return cli.fail("no database in " + dataDir.db() + " (is dataDir right?)");
    }
    try (RocksKvStore store = RocksKvStore.open(dataDir.db(), StorageSchema.options())) {
      store.backupTo(target);
      cli.out().println("backup written to " + target + " (no node running; schema version "
          + store.schemaVersion() + ")");
      return Cli.OK;
    } catch (StorageException e) {
      return cli.fail("backup failed: " + e.getMessage());
    }
  }
}
