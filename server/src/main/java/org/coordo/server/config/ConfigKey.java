package org.coordo.server.config;

import java.util.Locale;

/**
 * One configuration key: where it lives in {@code node.json}, what it accepts, its default and
 * what it is for. Declared once, in {@link ConfigSchema}.
 *
 * @param path dotted path in the JSON file ({@code federation.maxBodyBytes} is {@code
 *     {"federation": {"maxBodyBytes": …}}})
 * @param type the value type, used for parsing and in the error messages
 * @param defaultValue the raw default, as it would be written in the file
 * @param description one sentence for the README table and {@code config check}
 */
public record ConfigKey(String path, ValueType type, Object defaultValue, String description) {

  /** The environment variable that overrides this key: {@code COORDO_} + path in upper snake case. */
  public String envName() {
    return "COORDO_" + upperSnake(path);
  }

  /**
   * Parses and validates a raw value: a JSON value from the file, or a string from the environment
   * ({@code source} is then the variable's name).
   */
  public Object parse(Object raw, String source) {
    try {
      return type.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(path, display(raw, !source.startsWith("COORDO_")), type.expected(), source);
    }
  }

  /** The value as the user wrote it: JSON strings in quotes, environment values as they are. */
  static String display(Object raw, boolean quoteStrings) {
    if (raw == null) {
      return "null";
    }
    String text = raw instanceof String s && quoteStrings ? '"' + s + '"' : String.valueOf(raw);
    text = text.replaceAll("[\\r\\n\\t]", " ");
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  static String upperSnake(String path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c) && i > 0 && path.charAt(i - 1) != '.') {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
