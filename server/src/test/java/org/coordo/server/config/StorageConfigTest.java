package org.coordo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code storage.*} keys: RocksDB by default, PostgreSQL settings, where its password may come from. */
class StorageConfigTest {
  @TempDir Path tmp;

  private ConfigLoader.Loaded load(String json, Map<String, String> env) throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.put("COORDO_DATA_DIR", tmp.resolve("data").toString());
    return ConfigLoader.load(Files.writeString(tmp.resolve("node.json"), json), all);
  }

  @Test
  void rocksdbIsTheDefaultAndFilesStayInTheDataDirectory() throws IOException {
    NodeConfig.Storage storage = load("{}", Map.of()).config().storage();
    assertEquals(NodeConfig.Storage.Backend.ROCKSDB, storage.backend());
    assertEquals(tmp.resolve("data"), storage.filesDir());
    assertEquals("storage: rocksdb (embedded, one process)", storage.summary());
  }

  @Test
  void postgresqlSettingsAreReadFromNestedGroupsAndThePasswordFromTheEnvironment() throws IOException {
    ConfigLoader.Loaded loaded = load("{\"storage\": {\"backend\": \"postgresql\", \"filesDir\": \""
        + tmp.resolve("shared") + "\", \"postgresql\": {\"host\": \"db.internal\", \"port\": 6543, "
        + "\"database\": \"national\", \"user\": \"node\", \"poolSize\": 16, \"ssl\": \"require\"}}}",
        Map.of("COORDO_STORAGE_PASSWORD", "pg-s3cret"));
    NodeConfig.Storage storage = loaded.config().storage();
    assertEquals(NodeConfig.Storage.Backend.POSTGRESQL, storage.backend());
    assertEquals(tmp.resolve("shared"), storage.filesDir());
    assertEquals(new NodeConfig.Postgresql("db.internal", 6543, "national", "node", 16, "require", "pg-s3cret"),
        storage.postgresql());
    assertEquals(java.util.List.of(), loaded.warnings());
    assertFalse(storage.summary().contains("pg-s3cret"), storage.summary());
    assertFalse(storage.toString().contains("pg-s3cret"), storage.toString());
    assertTrue(storage.summary().startsWith("storage: postgresql node@db.internal:6543/national (ssl require, pool 16, "
        + "password (set, not shown))"), storage.summary());
  }

  @Test
  void aPasswordInTheConfigurationFileIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load("{\"storage\": {\"password\": \"in-the-file\"}}", Map.of()));
    assertTrue(e.getMessage().contains("storage.password: a secret is never read from the configuration file"),
        e.getMessage());
    assertTrue(e.getMessage().contains("COORDO_STORAGE_PASSWORD"), e.getMessage());
    assertFalse(e.getMessage().contains("in-the-file"), e.getMessage());
  }

  @Test
  void thePasswordFileIsReadWhenTheEnvironmentSetsNone() throws IOException {
    Path secret = Files.writeString(tmp.resolve("pg.secret"), "from-a-file\n");
    String json = "{\"storage\": {\"backend\": \"postgresql\", \"postgresql\": {\"passwordFile\": \"" + secret + "\"}}}";
    assertEquals("from-a-file", load(json, Map.of()).config().storage().postgresql().password());
    assertEquals("from-env", load(json, Map.of("COORDO_STORAGE_PASSWORD", "from-env")).config().storage()
        .postgresql().password());
    Files.writeString(secret, "\n");
    ConfigException empty = assertThrows(ConfigException.class, () -> load(json, Map.of()));
    assertTrue(empty.getMessage().contains("storage.postgresql.passwordFile"), empty.getMessage());
  }

  @Test
  void postgresqlWithoutASharedFilesDirectoryIsAWarning() throws IOException {
    ConfigLoader.Loaded loaded = load("{\"storage\": {\"backend\": \"postgresql\"}}", Map.of());
    assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("storage.filesDir")), loaded.warnings().toString());
  }

  @Test
  void anUnknownBackendNamesTheChoices() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load("{}", Map.of("COORDO_STORAGE_BACKEND", "mysql")));
    assertTrue(e.getMessage().contains("storage.backend") && e.getMessage().contains("rocksdb, postgresql"),
        e.getMessage());
  }
}
