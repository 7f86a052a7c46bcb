package org.coordo.federation.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.coordo.storage.Job;
import org.coordo.storage.LiveProcesses;

/**
 * The jobs the worker claimed and has not finished: held in memory until their host has a free slot
 * (at most this process's share of {@code perHostConcurrency} requests in flight per host, {@link
 * DeliveryPolicy#perHostShare}, and {@code globalConcurrency} in all),
 * then in flight. Each is kept once, by id, in its latest claimed state. Not thread-safe: confined to
 * the delivery worker's context.
 */
final class HeldJobs {
  private record Held(Job job, DeliveryJob delivery) {}

  private final DeliveryPolicy policy;
  private LiveProcesses processes = LiveProcesses.ONE;
  private int inFlight;
  private int heldCount;
  private final Map<String, Integer> inFlightByHost = new HashMap<>();
  private final Map<String, ArrayDeque<Held>> held = new LinkedHashMap<>();
  /** Jobs held or in flight here, by id, in their latest claimed state. */
  private final Map<String, Job> mine = new HashMap<>();

  HeldJobs(DeliveryPolicy policy) {
    this.policy = policy;
  }

  /** Divides the per-host limit among the node's live processes ({@link DeliveryPolicy#perHostShare}). */
  void shareHostLimit(LiveProcesses live) {
    this.processes = live;
  }

  /**
   * True if the job is already here (its lease ran out while it waited for a slot, or while it was being
   * sent, and a claim took it again): its new state, with the new lease, replaces the old one, so that it
   * is sent once.
   */
  boolean refresh(Job job) {
    if (!mine.containsKey(job.id())) {
      return false;
    }
    mine.put(job.id(), job);
    return true;
  }

  /** Holds the job until its host has a free slot. */
  void hold(Job job, DeliveryJob delivery) {
    held.computeIfAbsent(delivery.host(), h -> new ArrayDeque<>()).add(new Held(job, delivery));
    heldCount++;
    mine.put(job.id(), job);
  }

  /** Hands every held job whose host has a free slot to {@code send}, counting it in flight first. */
  void dispatch(BiConsumer<Job, DeliveryJob> send) {
    int perHost = policy.perHostShare(processes.count());
    var it = held.entrySet().iterator();
    while (it.hasNext() && inFlight < policy.globalConcurrency()) {
      var entry = it.next();
      String host = entry.getKey();
      ArrayDeque<Held> waiting = entry.getValue();
      while (!waiting.isEmpty()
          && inFlight < policy.globalConcurrency()
          && inFlightByHost.getOrDefault(host, 0) < perHost) {
        Held next = waiting.poll();
        heldCount--;
        inFlight++;
        inFlightByHost.merge(host, 1, Integer::sum);
        send.accept(next.job(), next.delivery());
      }
      if (waiting.isEmpty()) {
        it.remove();
      }
    }
  }

  /** The request for {@code claimed} has finished: frees its slot and returns the job's latest state. */
  Job finished(Job claimed, String host) {
    inFlight--;
    inFlightByHost.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    Job latest = mine.remove(claimed.id());
    return latest != null ? latest : claimed;
  }

  /** Forgets the held jobs (not those in flight) and returns them, in their latest state, to hand back. */
  List<Job> releaseHeld() {
    List<Job> released = new ArrayList<>();
    held.values().forEach(q -> q.forEach(h -> released.add(mine.remove(h.job().id()))));
    held.clear();
    heldCount = 0;
    return released;
  }

  int inFlight() {
    return inFlight;
  }

  int heldCount() {
    return heldCount;
  }
}
