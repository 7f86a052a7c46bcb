package org.coordo.server.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.coordo.storage.StorageException;

/**
 * An exclusive lock on {@code dataDir/node.lock} held while a process runs, so that two processes never share a
 * data directory (its run file and control token are one process's). On RocksDB the database's own lock does
 * this; a process on PostgreSQL has no local database, so it takes this one.
 */
final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or fails naming the directory when another process (or node of this JVM) holds it. */
  static DataDirLock take(Path dataDir) {
    Path file = dataDir.resolve("node.lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw busy(dataDir);
      }
      return new DataDirLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw busy(dataDir);
    } catch (IOException e) {
      close(channel);
      throw new StorageException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private static StorageException busy(Path dataDir) {
    return new StorageException("the data directory " + dataDir + " is already open in another process: give each "
        + "process of a node its own dataDir", null);
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // released with the channel
    }
    close(channel);
  }
}
