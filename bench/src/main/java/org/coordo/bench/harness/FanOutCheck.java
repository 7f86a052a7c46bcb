package org.coordo.bench.harness;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the sinks received for one publication, checked once the run is over: every expected inbox must have got
 * each activity naming the publication ({@code Create} and the group's {@code Announce}s) exactly once, and nothing
 * else may have arrived.
 */
final class FanOutCheck {
  /** Deliveries naming the publication, by activity type. */
  final Map<String, Integer> byType = new TreeMap<>();
  /** Distinct activity ids naming the publication, by type. */
  final Map<String, Set<String>> activitiesByType = new TreeMap<>();
  /** Arrival of the last delivery of each type (nanoTime). */
  final Map<String, Long> lastByType = new TreeMap<>();
  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  int deliveries;
  int inboxesComplete;
  int inboxesMissingSome;
  int duplicates;
  int unexpectedInboxes;
  int unrelated;

  /**
   * @param arrivals what the sinks recorded
   * @param expectedInboxes the inbox URLs the publication must reach
   * @param url the publication's URL (named by the Create's object id, the Announces' objects)
   */
  static FanOutCheck of(Iterable<Sink.Arrival> arrivals, List<String> expectedInboxes, String url) {
    FanOutCheck c = new FanOutCheck();
    Set<String> expected = new HashSet<>(expectedInboxes);
    Map<String, Map<String, Integer>> byInbox = new HashMap<>(); // inbox → activity id → count
    Set<String> unexpected = new HashSet<>();
    for (Sink.Arrival a : arrivals) {
      String text = a.body().toString();
      JsonObject json;
      try {
        json = new JsonObject(text);
      } catch (RuntimeException e) {
        c.unrelated++;
        continue;
      }
      String type = json.getString("type");
      String id = json.getString("id");
      if (type == null || id == null || !text.contains(url)) {
        c.unrelated++;
        continue;
      }
      c.deliveries++;
      c.byType.merge(type, 1, Integer::sum);
      c.activitiesByType.computeIfAbsent(type, t -> new HashSet<>()).add(id);
      c.lastByType.merge(type, a.nanos(), Math::max);
      c.first = Math.min(c.first, a.nanos());
      c.last = Math.max(c.last, a.nanos());
      if (!expected.contains(a.inbox())) {
        unexpected.add(a.inbox());
      }
      byInbox.computeIfAbsent(a.inbox(), k -> new HashMap<>()).merge(id, 1, Integer::sum);
    }
    c.unexpectedInboxes = unexpected.size();
    int activities = c.activitiesByType.values().stream().mapToInt(Set::size).sum();
    for (String inbox : expected) {
      Map<String, Integer> got = byInbox.getOrDefault(inbox, Map.of());
      c.duplicates += got.values().stream().mapToInt(n -> n - 1).sum();
      if (got.size() == activities) {
        c.inboxesComplete++;
      } else {
        c.inboxesMissingSome++;
      }
    }
    return c;
  }

  int activities() {
    return activitiesByType.values().stream().mapToInt(Set::size).sum();
  }

  /** True when every expected inbox got every activity exactly once and nothing else arrived. */
  boolean exact(int expectedInboxes, int expectedActivities) {
    return activities() == expectedActivities && inboxesComplete == expectedInboxes && inboxesMissingSome == 0
        && duplicates == 0 && unexpectedInboxes == 0 && unrelated == 0
        && deliveries == expectedInboxes * expectedActivities;
  }
}
