package org.coordo.storage.rocks;

import java.nio.file.Path;
import java.util.Locale;
import org.coordo.storage.StorageException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Wraps {@link RocksDBException} once, without key or value bytes in the message. */
final class RocksErrors {
  private RocksErrors() {}

  /** For operations on an open store: the status code only; the native message stays in the cause. */
  static StorageException wrap(String operation, String keyspace, RocksDBException e) {
    String where = keyspace == null ? "" : " in keyspace '" + keyspace + "'";
    return new StorageException("storage " + operation + " failed" + where + ": " + code(e), e);
  }

  /** For open: paths are safe to show and help the operator. */
  static StorageException onOpen(Path dir, RocksDBException e) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    // "While lock file: <dir>/LOCK: Resource temporarily unavailable" (another process) or
    // "lock hold by current process" (another store in this JVM)
    if (message.contains("/LOCK") || lower.contains("lock file") || lower.contains("lock hold")) {
      return new StorageException(
          "database at "
              + dir
              + " is already open (by another Coordo process or another store in this process);"
              + " stop it before opening the database again",
          e);
    }
    return new StorageException("cannot open database at " + dir + ": " + message, e);
  }

  static StorageException closed() {
    return new StorageException("store is closed");
  }

  private static String code(RocksDBException e) {
    Status status = e.getStatus();
    if (status == null) {
      return "unknown error";
    }
    String code = status.getCodeString();
    return status.getSubCode() == null || status.getSubCode() == Status.SubCode.None
        ? code
        : code + " (" + status.getSubCode() + ")";
  }
}
