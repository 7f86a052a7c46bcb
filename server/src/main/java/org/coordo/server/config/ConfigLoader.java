package org.coordo.server.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the configuration: schema defaults, then the JSON file, then {@code COORDO_*} environment
 * variables (an empty variable counts as unset). The first bad value stops the load with a {@link
 * ConfigException} naming the key, the value, what is expected and the source.
 */
public final class ConfigLoader {
  /** The file read when no {@code --config} is given (relative to the working directory). */
  public static final Path DEFAULT_FILE = Path.of("conf", "node.json");

  private ConfigLoader() {}

  /** A key's effective value and where it came from ({@code default}, a file, or a variable name). */
  public record Setting(ConfigKey key, Object value, String source) {}

  /** Variables that start with {@code COORDO_} without being configuration keys. */
  static final Set<String> OTHER_VARIABLES = Set.of("COORDO_JAVA_OPTS");

  /**
   * The validated configuration, the origin of every value (for {@code config check}) and
   * warnings: a loopback {@code publicUrl} on another port than {@code port} ({@link PublicUrlRule}),
   * {@code COORDO_*} variables that match no key (typos), which are ignored.
   */
  public record Loaded(NodeConfig config, List<Setting> settings, List<String> warnings) {}

  /**
   * Loads the configuration.
   *
   * @param file the JSON file; when null, {@link #DEFAULT_FILE} is read if it exists
   * @param env the environment (usually {@code System.getenv()})
   */
  public static Loaded load(Path file, Map<String, String> env) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (ConfigKey key : ConfigSchema.KEYS) {
      settings.put(key.path(), new Setting(key, key.defaultValue(), "default"));
    }
    Path source = file != null ? file : (Files.exists(DEFAULT_FILE) ? DEFAULT_FILE : null);
    if (source != null) {
      readFile(source).forEach((path, raw) -> {
        ConfigKey key = ConfigSchema.find(path).orElseThrow(() -> unknownKey(path, raw, source.toString()));
        if (ConfigSchema.SECRETS.contains(key)) {
          throw new ConfigException(path + ": a secret is never read from the configuration file (" + source
              + "); set " + key.envName() + " in the environment instead");
        }
        settings.put(path, new Setting(key, raw, source.toString()));
      });
    }
    for (ConfigKey key : ConfigSchema.KEYS) {
      String raw = env.get(key.envName());
      if (raw != null && !raw.isEmpty()) {
        settings.put(key.path(), new Setting(key, raw, key.envName()));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (Setting s : settings.values()) {
      values.put(s.key().path(), s.key().parse(s.value(), s.source()));
      sources.put(s.key().path(), s.source());
    }
    checkBodyLimits(values, settings);
    MailConfigRules.apply(values, settings, sources);
    SecretFiles.read(values, settings, sources, ConfigSchema.STORAGE_PASSWORD, ConfigSchema.STORAGE_PG_PASSWORD_FILE);
    List<String> warnings = new ArrayList<>();
    PublicUrlRule.apply(values, sources).ifPresent(warnings::add);
    if ("postgresql".equals(values.get(ConfigSchema.STORAGE_BACKEND.path()))
        && "".equals(values.get(ConfigSchema.STORAGE_FILES_DIR.path()))) {
      warnings.add("storage.backend is postgresql but storage.filesDir is not set: uploaded files stay in this "
          + "process's dataDir; with several processes, point storage.filesDir at a directory they all share");
    }
    warnings.addAll(unknownVariables(env));
    List<Setting> parsed = new ArrayList<>();
    for (Setting s : settings.values()) {
      parsed.add(new Setting(s.key(), values.get(s.key().path()), sources.get(s.key().path())));
    }
    return new Loaded(NodeConfig.from(values), List.copyOf(parsed), List.copyOf(warnings));
  }

  private static List<String> unknownVariables(Map<String, String> env) {
    Set<String> known = ConfigSchema.KEYS.stream().map(ConfigKey::envName).collect(Collectors.toSet());
    return env.keySet().stream()
        .filter(name -> name.startsWith("COORDO_") && !known.contains(name) && !OTHER_VARIABLES.contains(name))
        .sorted()
        .map(name -> name + " is not a configuration variable (ignored); see ./coordo config reference")
        .toList();
  }

  /** An inbox document must fit in an HTTP body, which is read (and limited) first. */
  private static void checkBodyLimits(Map<String, Object> values, Map<String, Setting> settings) {
    long inbox = (Long) values.get(ConfigSchema.FEDERATION_MAX_BODY_BYTES.path());
    long http = (Long) values.get(ConfigSchema.HTTP_MAX_BODY_BYTES.path());
    if (inbox > http) {
      throw ConfigException.invalid(ConfigSchema.FEDERATION_MAX_BODY_BYTES.path(), inbox,
          "at most http.maxBodyBytes (" + http + ")",
          settings.get(ConfigSchema.FEDERATION_MAX_BODY_BYTES.path()).source());
    }
  }

  /** The file's values by dotted path; nested objects are groups ({@code {"node": {"name": …}}}). */
  private static Map<String, Object> readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(file + ": not a JSON object: " + firstLine(e.getMessage()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", json, out);
    return out;
  }

  private static void flatten(String prefix, JsonObject json, Map<String, Object> out) {
    for (Map.Entry<String, Object> e : json) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof JsonObject nested && ConfigSchema.find(path).isEmpty()
          && ConfigSchema.isGroup(path)) {
        flatten(path + ".", nested, out);
      } else {
        out.put(path, e.getValue());
      }
    }
  }

  private static ConfigException unknownKey(String path, Object raw, String source) {
    String known = ConfigSchema.KEYS.stream().map(ConfigKey::path).collect(Collectors.joining(", "));
    return new ConfigException(path + " = " + ConfigKey.display(raw, true) + ": unknown key, expected one of "
        + known + " (from " + source + ")");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
