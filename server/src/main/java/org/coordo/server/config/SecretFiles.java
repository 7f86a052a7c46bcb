package org.coordo.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret read from a file ({@code mail.passwordFile}, {@code storage.postgresql.passwordFile}): the file's
 * first line becomes the secret's value when the environment did not set it. Secrets themselves are never
 * read from the configuration file ({@link ConfigSchema#SECRETS}).
 */
final class SecretFiles {
  private SecretFiles() {}

  static void read(Map<String, Object> values, Map<String, ConfigLoader.Setting> settings,
      Map<String, String> sources, ConfigKey secret, ConfigKey file) {
    if (!(values.get(file.path()) instanceof Path path) || !((String) values.get(secret.path())).isEmpty()) {
      return;
    }
    String value;
    try {
      value = Files.readAllLines(path, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw new ConfigException(file.path() + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    if (value.isEmpty()) {
      throw ConfigException.invalid(file.path(), path, "a file whose first line is the password",
          settings.get(file.path()).source());
    }
    values.put(secret.path(), value);
    sources.put(secret.path(), file.path());
  }
}
