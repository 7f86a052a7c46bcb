package org.coordo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.Node;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.app.TestNodes;
import org.coordo.server.cli.CliTest.Result;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.Keyspace;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./coordo backup while a node runs (and while none runs), ./coordo restore, and their refusals. */
class BackupRestoreIT {
  @TempDir Path tmp;

  private static final int RECORDS = 50;

  private Map<String, String> env(String name) {
    return TestNodes.env(tmp.resolve(name), Map.of());
  }

  private String configFile() {
    return TestNodes.emptyConfigFile(tmp).toString();
  }

  private NodeConfig config(Map<String, String> env) {
    return ConfigLoader.load(Path.of(configFile()), env).config();
  }

  /** Writes records in the reserved meta keyspace (test keys beside the schema version). */
  private static void writeRecords(Path db) {
    try (RocksKvStore store = RocksKvStore.open(db, StorageSchema.options());
        KvBatch batch = store.newBatch()) {
      Keyspace meta = store.keyspace(StoreOptions.META);
      for (int i = 0; i < RECORDS; i++) {
        batch.put(meta, ("test.record." + i).getBytes(StandardCharsets.UTF_8),
            ("value " + i).getBytes(StandardCharsets.UTF_8));
      }
      store.write(batch, Durability.SYNC);
    }
  }

  private static Map<String, String> readRecords(Path db) {
    Map<String, String> out = new HashMap<>();
    try (RocksKvStore store = RocksKvStore.open(db, StorageSchema.options())) {
      Keyspace meta = store.keyspace(StoreOptions.META);
      for (int i = 0; i < RECORDS; i++) {
        byte[] key = ("test.record." + i).getBytes(StandardCharsets.UTF_8);
        meta.find(key).ifPresent(v -> out.put(new String(key, StandardCharsets.UTF_8),
            new String(v, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void backupWhileRunningThenRestoreGivesANodeWithTheSameData() throws Exception {
    Map<String, String> envA = env("a");
    NodeConfig configA = config(envA);
    writeRecords(new DataDir(configA.dataDir()).db());
    Map<String, String> expected = readRecords(new DataDir(configA.dataDir()).db());
    assertEquals(RECORDS, expected.size());

    Path backup = tmp.resolve("backups/one");
    Node node = TestNodes.start(configA);
    try {
      Result r = CliTest.run(envA, "backup", "--config", configFile(), backup.toString());
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().contains("by the running node"), r.out());

      Path full = Files.createDirectories(tmp.resolve("full"));
      Files.writeString(full.resolve("x"), "x");
      Result refused = CliTest.run(envA, "backup", "--config", configFile(), full.toString());
      assertEquals(1, refused.status());
      assertEquals("coordo: backup failed: backup target is not an empty directory (HTTP 409)\n", refused.err());

      Map<String, String> envB = env("b");
      Result whileRunning = CliTest.run(envA, "restore", "--config", configFile(), backup.toString());
      assertEquals(1, whileRunning.status());
      assertTrue(whileRunning.err().contains("a node is running on"), whileRunning.err());
      assertEquals(200, TestNodes.get(node.port(), "/health").statusCode(), "node unaffected");

      Result restored = CliTest.run(envB, "restore", "--config", configFile(), backup.toString());
      assertEquals(0, restored.status(), restored.err());
      Result again = CliTest.run(envB, "restore", "--config", configFile(), backup.toString());
      assertEquals(1, again.status());
      assertTrue(again.err().contains("is not empty: restore only into an empty data dir"), again.err());

      NodeConfig configB = config(envB);
      Node restoredNode = TestNodes.start(configB);
      assertEquals(200, TestNodes.get(restoredNode.port(), "/health").statusCode());
      TestNodes.await(restoredNode.stop());
      assertEquals(expected, readRecords(new DataDir(configB.dataDir()).db()));
    } finally {
      TestNodes.await(node.stop());
    }
  }

  @Test
  void backupWithoutRunningNodeOpensTheDatabaseItself() {
    Map<String, String> envA = env("a");
    NodeConfig configA = config(envA);
    writeRecords(new DataDir(configA.dataDir()).db());
    Path backup = tmp.resolve("offline");
    Result r = CliTest.run(envA, "backup", "--config", configFile(), backup.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("no node running"), r.out());

    Map<String, String> envC = env("c");
    assertEquals(0, CliTest.run(envC, "restore", "--config", configFile(), backup.toString()).status());
    assertEquals(readRecords(new DataDir(configA.dataDir()).db()),
        readRecords(new DataDir(config(envC).dataDir()).db()));
  }

  @Test
  void backupOfAMissingDatabaseOrRestoreOfAMissingBackupFails() {
    Map<String, String> env = env("empty");
    Result backup = CliTest.run(env, "backup", "--config", configFile(), tmp.resolve("b").toString());
    assertEquals(1, backup.status());
    assertTrue(backup.err().startsWith("coordo: no database in "), backup.err());
    Result restore = CliTest.run(env, "restore", "--config", configFile(), tmp.resolve("nothing").toString());
    assertEquals(1, restore.status());
    assertTrue(restore.err().startsWith("coordo: no backup directory at "), restore.err());
  }
}
