package org.coordo.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.RunFile;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.StorageException;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * {@code ./coordo restore DIR}: copies a backup into the configured data dir, which must be empty
 * (or not exist) and have no running node.
 */
final class RestoreCommand implements Command {

  @Override
  public String name() {
    return "restore";
  }

  @Override
  public String summary() {
    return "restore a backup DIR into the (empty) data dir";
  }

  @Override
  public String help() {
    return "Usage: ./coordo restore [--config FILE] DIR\n\n"
        + "Copies the backup in DIR (written by ./coordo backup) to dataDir/db. The data dir must\n"
        + "not exist or be empty, and no node may be running on it: move the old data dir aside\n"
        + "first. Then start the node with ./coordo run.\n\n"
        + "Options:\n" + Args.CONFIG_HELP;
  }

  @Override
  public int run(List<String> rawArgs, Cli cli) {
    Args args = Args.parse(rawArgs);
    if (args.positional().size() != 1) {
      return cli.usageError("usage: ./coordo restore [--config FILE] DIR");
    }
    Path backup = Path.of(args.positional().get(0)).toAbsolutePath().normalize();
    NodeConfig config = args.loadConfig(cli).config();
    if (config.storage().backend() == NodeConfig.Storage.Backend.POSTGRESQL) {
      return cli.fail(BackupCommand.POSTGRESQL_BACKUP);
    }
    DataDir dataDir = new DataDir(config.dataDir());
    Optional<RunFile> running = RunFile.read(dataDir.runFile()).filter(RunFile::processAlive);
    if (running.isPresent()) {
      return cli.fail("a node is running on " + dataDir.root() + " (pid " + running.get().pid()
          + "): stop it, move the data dir aside, then restore");
    }
    if (!Files.isDirectory(backup)) {
      return cli.fail("no backup directory at " + backup);
    }
    try {
      if (!DataDir.isEmptyOrAbsent(dataDir.root())) {
        return cli.fail("data dir " + dataDir.root() + " is not empty: restore only into an empty data dir"
            + " (move the old one aside)");
      }
      RocksKvStore.restore(backup, dataDir.db());
    } catch (IOException | StorageException e) {
      return cli.fail("restore failed: " + e.getMessage());
    }
    cli.out().println("restored " + backup + " into " + dataDir.db());
    return Cli.OK;
  }
}
