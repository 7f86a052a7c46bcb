package org.coordo.bench.harness;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * CPU time per group of threads between two snapshots, to say where a scenario's CPU went: threads are grouped by
 * name without their trailing number ({@code coordo-federation-3} → {@code coordo-federation}); the event loops of
 * the harness's own Vert.x instance (fake remotes, sinks) are told apart from the node's as {@code harness
 * event loops}. Threads that ended between the snapshots are not counted.
 */
final class ThreadCpu {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Set<Long> harnessLoops = ConcurrentHashMap.newKeySet();
  private Map<Long, Long> start = new HashMap<>();

  /** @param harnessVertx the harness's Vert.x (its event loops are counted apart) */
  ThreadCpu(Vertx harnessVertx) {
    var group = ((VertxInternal) harnessVertx).nettyEventLoopGroup();
    int loops = 0;
    for (var ignored : group) {
      loops++;
    }
    CountDownLatch seen = new CountDownLatch(loops);
    group.forEach(loop -> loop.execute(() -> {
      harnessLoops.add(Thread.currentThread().getId());
      seen.countDown();
    }));
    try {
      seen.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void mark() {
    start = snapshot();
  }

  /** Milliseconds of CPU per thread group since {@link #mark()}, largest first in the rendering. */
  Map<String, Long> since() {
    Map<Long, Long> now = snapshot();
    Map<String, Long> out = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
      if (info == null) {
        continue;
      }
      long id = info.getThreadId();
      long used = now.get(id) - start.getOrDefault(id, 0L);
      String group = harnessLoops.contains(id) ? "harness event loops"
          : info.getThreadName().replaceAll("[-#]?\\d+$", "");
      out.merge(group, used / 1_000_000, Long::sum);
    }
    out.values().removeIf(ms -> ms == 0);
    return out;
  }

  static String render(Map<String, Long> byGroup) {
    StringBuilder b = new StringBuilder();
    byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
        .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
    return b.toString();
  }

  private Map<Long, Long> snapshot() {
    Map<Long, Long> out = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        out.put(id, cpu);
      }
    }
    return out;
  }
}
