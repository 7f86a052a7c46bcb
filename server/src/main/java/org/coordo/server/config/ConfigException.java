package org.coordo.server.config;

/**
 * A configuration value the node cannot start with. The message is one line that names the key,
 * the value, what is expected and where the value came from, e.g. {@code port = 70000: expected an
 * integer from 0 to 65535 (from COORDO_PORT)}.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  static ConfigException invalid(String key, Object value, String expected, String source) {
    return new ConfigException(key + " = " + value + ": expected " + expected + " (from " + source + ")");
  }
}
