package org.coordo.server.service.publication;

import java.util.LinkedHashMap;
import java.util.Map;
import org.coordo.server.error.NodeError;

/** Collects one message per field; {@link #throwIfAny} turns them into a 422. */
public final class FieldErrors {
  private final Map<String, String> errors = new LinkedHashMap<>();

  public FieldErrors add(String field, String message) {
    errors.putIfAbsent(field, message);
    return this;
  }

  public boolean has(String field) {
    return errors.containsKey(field);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public Map<String, String> asMap() {
    return Map.copyOf(errors);
  }

  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw NodeError.validationFailed(errors);
    }
  }
}
