package org.coordo.federation.delivery;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order a fan-out's delivery jobs are enqueued in: one inbox of each host in turn. Jobs of one due time are
 * claimed in enqueue order ({@link org.coordo.storage.queue.JobIds}), and a worker holds a claimed job until its host
 * has a free slot; followers listed by actor address come grouped by host, so without this a claim of 256 jobs could
 * hold the inboxes of a few hosts only, each sending a few at a time while the other hosts wait for the next claim
 * (seen with two processes, each allowed one request per host: no faster than one).
 */
public final class DeliveryOrder {
  private DeliveryOrder() {}

  /** The inboxes, taking one of each host in turn (hosts in order of first appearance, inboxes in given order). */
  public static List<URI> acrossHosts(Collection<URI> inboxes) {
    Map<String, ArrayDeque<URI>> byHost = new LinkedHashMap<>();
    for (URI inbox : inboxes) {
      byHost.computeIfAbsent(DeliveryJob.hostOf(inbox), h -> new ArrayDeque<>()).add(inbox);
    }
    List<URI> out = new ArrayList<>(inboxes.size());
    List<ArrayDeque<URI>> queues = new ArrayList<>(byHost.values());
    while (!queues.isEmpty()) {
      queues.removeIf(q -> {
        out.add(q.poll());
        return q.isEmpty();
      });
    }
    return out;
  }
}
