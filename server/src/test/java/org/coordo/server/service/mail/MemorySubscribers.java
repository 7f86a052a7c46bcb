package org.coordo.server.service.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.coordo.server.domain.mail.Subscriber;

/**
 * Subscribers kept in memory, in id order, for the fan-out's unit tests (the node's own implementation
 * belongs to subscriptions; the whole-node tests use it).
 */
final class MemorySubscribers implements Subscribers {
  private final TreeMap<String, Subscriber> byId = new TreeMap<>();

  synchronized void add(Subscriber s) {
    byId.put(s.id(), s);
  }

  synchronized void remove(String id) {
    byId.remove(id);
  }

  @Override
  public synchronized List<Subscriber> confirmed(String scope, String afterId, int limit) {
    List<Subscriber> out = new ArrayList<>();
    for (Subscriber s : (afterId == null ? byId : byId.tailMap(afterId, false)).values()) {
      if (s.scope().equals(scope)) {
        out.add(s);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<Subscriber> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
