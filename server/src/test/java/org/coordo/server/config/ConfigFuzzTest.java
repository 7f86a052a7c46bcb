package org.coordo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the configuration ({@link ConfigLoader} and the {@link ConfigSchema} value types): the
 * {@code node.json} file and the {@code COORDO_*} variables. Seeds and regressions:
 * {@code src/test/resources/org/coordo/server/config/ConfigFuzzTestInputs/}. See docs/FUZZING.md.
 */
class ConfigFuzzTest {
  private static Path file;

  /** A file either loads or fails with one {@link ConfigException} line; what loads, written back, loads the same. */
  @FuzzTest
  @Timeout(5)
  void configFile(byte[] data) {
    load(data, Map.of());
  }

  /**
   * The environment, one {@code NAME=value} a line (with an empty file): the same contract as the file.
   */
  @FuzzTest
  @Timeout(5)
  void configEnvironment(byte[] data) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    load("{}".getBytes(StandardCharsets.UTF_8), env);
  }

  private static void load(byte[] fileText, Map<String, String> env) {
    ConfigLoader.Loaded loaded;
    try {
      loaded = ConfigLoader.load(write(fileText), env);
    } catch (ConfigException e) {
      assertFalse(e.getMessage().isBlank());
      assertFalse(e.getMessage().contains("\n"), "a config error is one line: " + e.getMessage());
      return;
    }
    assertEquals(ConfigSchema.KEYS.size(), loaded.settings().size());
    JsonObject back = new JsonObject();
    Map<String, String> secrets = new LinkedHashMap<>(); // never in a file: written back to the environment
    for (ConfigLoader.Setting s : loaded.settings()) {
      assertTrue(s.value() != null, s.key().path());
      if (ConfigSchema.SECRETS.contains(s.key())) {
        if (!"".equals(s.value())) {
          secrets.put(s.key().envName(), (String) s.value());
        }
        continue;
      }
      Object value = s.value() instanceof URI || s.value() instanceof Path ? s.value().toString() : s.value();
      String[] path = s.key().path().split("\\.");
      JsonObject group = back;
      for (int i = 0; i < path.length - 1; i++) {
        if (group.getJsonObject(path[i]) == null) {
          group.put(path[i], new JsonObject());
        }
        group = group.getJsonObject(path[i]);
      }
      group.put(path[path.length - 1], value);
    }
    ConfigLoader.Loaded again = ConfigLoader.load(write(back.encode().getBytes(StandardCharsets.UTF_8)), secrets);
    assertEquals(loaded.config(), again.config());
  }

  private static synchronized Path write(byte[] text) {
    try {
      if (file == null) {
        Path dir = Files.createTempDirectory("coordo-config-fuzz");
        dir.toFile().deleteOnExit();
        file = dir.resolve("node.json");
        file.toFile().deleteOnExit();
      }
      Files.write(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
