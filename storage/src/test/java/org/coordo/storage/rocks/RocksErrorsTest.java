package org.coordo.storage.rocks;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.coordo.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

class RocksErrorsTest {

  @Test
  void operationErrorsShowTheStatusCodeButNotTheNativeMessage() {
    RocksDBException native_ =
        new RocksDBException("Corruption: bad entry for key 'secret-key'",
            new Status(Status.Code.Corruption, Status.SubCode.None, "bad entry for key 'secret-key'"));
    StorageException e = RocksErrors.wrap("get", "calls", native_);
    assertEquals("storage get failed in keyspace 'calls': Corruption", e.getMessage());
    assertSame(native_, e.getCause());
  }

  @Test
  void openErrorsRecogniseTheLockButNotEveryBlock() {
    Path dir = Path.of("/data/db");
    RocksDBException locked =
        new RocksDBException("IO error: While lock file: /data/db/LOCK: Resource temporarily unavailable");
    assertTrue(RocksErrors.onOpen(dir, locked).getMessage().contains("is already open"));
    RocksDBException corrupt = new RocksDBException("Corruption: block checksum mismatch");
    String message = RocksErrors.onOpen(dir, corrupt).getMessage();
    assertFalse(message.contains("already open"), message);
    assertTrue(message.startsWith("cannot open database at /data/db"), message);
  }
}
