package org.coordo.server.web;

import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form being shown: the values typed (kept when it comes back with errors) and, per field, the
 * message key (and argument) of its error. The services' English messages are mapped to keys by
 * {@link FieldMessages}, so every error shows in the reader's language next to its field.
 */
public final class Form {
  private final Map<String, List<String>> values = new HashMap<>();
  private final Map<String, String> errorKeys = new LinkedHashMap<>();
  private final Map<String, String> errorArgs = new HashMap<>();
  private String generalKey = "form.hasErrors";

  public static Form empty() {
    return new Form();
  }

  /**
   * The values of a submitted form. Browsers send a textarea's line breaks as CRLF: they become the
   * single {@code \n} the member typed (and the API counts), so a text at the API's limit fits.
   */
  public static Form of(MultiMap attributes) {
    Form f = new Form();
    for (String name : attributes.names()) {
      f.values.put(name, attributes.getAll(name).stream().map(v -> v.replace("\r\n", "\n")).toList());
    }
    return f;
  }

  public Form set(String name, String value) {
    values.put(name, value == null ? List.of() : List.of(value));
    return this;
  }

  public Form setAll(String name, List<String> list) {
    values.put(name, List.copyOf(list));
    return this;
  }

  public Form error(String field, String key) {
    return error(field, key, "");
  }

  public Form error(String field, String key, String arg) {
    errorKeys.putIfAbsent(field, key);
    errorArgs.putIfAbsent(field, arg);
    return this;
  }

  /** The key of the message above the form (defaults to "the form has errors"). */
  public Form general(String key) {
    this.generalKey = key;
    return this;
  }

  public String value(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The HTML id of a field's control ({@code location.name} → {@code f-location-name}). */
  public String id(String name) {
    return "f-" + name.replace('.', '-');
  }

  public boolean hasError(String name) {
    return errorKeys.containsKey(name);
  }

  public boolean hasErrors() {
    return !errorKeys.isEmpty() || !"form.hasErrors".equals(generalKey);
  }

  public Map<String, String> errorKeys() {
    return Map.copyOf(errorKeys);
  }

  public String errorKey(String name) {
    return errorKeys.get(name);
  }

  public String errorArg(String name) {
    return errorArgs.getOrDefault(name, "");
  }

  public String generalKey() {
    return generalKey;
  }

  /** The ids a control is described by (its help, its error), or null for none. */
  public String describedBy(String name, boolean hasHelp) {
    String ids = (hasHelp ? id(name) + "-help " : "") + (hasError(name) ? id(name) + "-error" : "");
    return ids.isBlank() ? null : ids.trim();
  }
}
