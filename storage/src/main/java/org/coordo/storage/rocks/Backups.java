package org.coordo.storage.rocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.coordo.storage.StorageException;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Online backups as RocksDB checkpoints: a consistent copy (hard links on the same file system,
 * copies otherwise) of the live database, taken while writes continue. A checkpoint is itself an
 * openable database directory.
 */
final class Backups {
  private Backups() {}

  static void checkpoint(RocksDB db, Path target) {
    try {
      if (Files.exists(target)) {
        if (!isEmptyDirectory(target)) {
          throw new StorageException("backup target " + target + " is not an empty directory");
        }
        Files.delete(target); // RocksDB creates the checkpoint directory itself
      } else if (target.toAbsolutePath().getParent() != null) {
        Files.createDirectories(target.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw new StorageException("cannot prepare backup target " + target + ": " + e.getMessage(), e);
    }
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("backup to " + target, null, e);
    }
  }

  static void restore(Path backup, Path target) {
    if (!Files.isRegularFile(backup.resolve("CURRENT"))) {
      throw new StorageException(backup + " is not a Coordo backup (no CURRENT file)");
    }
    try {
      if (Files.exists(target) && !isEmptyDirectory(target)) {
        throw new StorageException(
            "restore target "
                + target
                + " is not empty; restore only into an empty or new data directory");
      }
      Files.createDirectories(target);
      List<Path> files;
      try (Stream<Path> listing = Files.list(backup)) {
        files = listing.toList();
      }
      for (Path file : files) {
        if (Files.isDirectory(file)) {
          throw new StorageException("unexpected directory in backup " + backup + ": " + file.getFileName());
        }
        Files.copy(file, target.resolve(file.getFileName()));
      }
    } catch (IOException e) {
      throw new StorageException("restore into " + target + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
