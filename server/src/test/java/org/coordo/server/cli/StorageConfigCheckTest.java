package org.coordo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./coordo config check} says which store the node runs on, and never prints its password. */
class StorageConfigCheckTest {
  @TempDir Path tmp;

  @Test
  void configCheckSaysRocksdbByDefault() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"), "{}");
    CliTest.Result r = CliTest.run(Map.of("COORDO_DATA_DIR", tmp.resolve("data").toString()),
        "config", "check", "--config", file.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("\nstorage: rocksdb (embedded, one process)\n"), r.out());
  }

  @Test
  void configCheckNamesThePostgresqlDatabaseAndHidesThePassword() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"), "{\"storage\": {\"backend\": \"postgresql\", "
        + "\"filesDir\": \"" + tmp.resolve("files") + "\", \"postgresql\": {\"host\": \"127.0.0.1\"}}}");
    CliTest.Result r = CliTest.run(Map.of("COORDO_DATA_DIR", tmp.resolve("data").toString(),
        "COORDO_STORAGE_PASSWORD", "hunter2-pg"), "config", "check", "--config", file.toString());
    assertEquals(0, r.status(), r.err());
    assertFalse(r.out().contains("hunter2-pg"), r.out());
    assertTrue(r.out().matches("(?s).*storage\\.password +?= \\(set, not shown\\) +\\(COORDO_STORAGE_PASSWORD\\).*"),
        r.out());
    assertTrue(r.out().contains("storage: postgresql coordo@127.0.0.1:5432/coordo (ssl disable, pool 8, password "
        + "(set, not shown))"), r.out());
  }

  @Test
  void backupAndRestoreOnPostgresqlPointToPostgresqlsOwnTools() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"), "{\"storage\": {\"backend\": \"postgresql\", "
        + "\"filesDir\": \"" + tmp.resolve("files") + "\", \"postgresql\": {\"host\": \"127.0.0.1\"}}}");
    Files.createDirectories(tmp.resolve("data/db")); // a RocksDB database left from before a migration
    for (String command : new String[] {"backup", "restore"}) {
      CliTest.Result r = CliTest.run(Map.of("COORDO_DATA_DIR", tmp.resolve("data").toString()),
          command, "--config", file.toString(), tmp.resolve("backup").toString());
      assertEquals(1, r.status(), command + ": " + r.out());
      assertTrue(r.err().contains("storage.backend is postgresql") && r.err().contains("pg_dump"), r.err());
    }
    assertFalse(Files.exists(tmp.resolve("backup")), "nothing written");
  }
}
