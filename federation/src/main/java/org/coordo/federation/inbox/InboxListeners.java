package org.coordo.federation.inbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.spi.InboxListener;

/**
 * The listeners the server registers per activity type ({@code Create}, {@code Announce}, …). They are
 * called, in registration order, after the protocol layer applied its own side effects. Registering
 * a listener for a type the protocol layer does not know (e.g. {@code Join}) makes the inbox accept
 * that type instead of ignoring it.
 */
public final class InboxListeners {
  private final Map<String, List<InboxListener>> byType = new ConcurrentHashMap<>();

  public InboxListeners on(String type, InboxListener listener) {
    byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(listener);
    return this;
  }

  public List<InboxListener> forType(String type) {
    return type == null ? List.of() : byType.getOrDefault(type, List.of());
  }

  public Set<String> types() {
    return Set.copyOf(byType.keySet());
  }
}
