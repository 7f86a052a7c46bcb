package org.coordo.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the harness reads from Linux's {@code /proc} about a process: memory and CPU time. */
final class Proc {
  private Proc() {}

  /** A {@code kB} field of {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}), or -1 where there is none. */
  static long statusKb(String pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no procfs, or the process ended
    }
    return -1;
  }

  /**
   * CPU time the process has used so far (user + system, every thread), in milliseconds, from
   * {@code /proc/<pid>/stat} (clock ticks of 10 ms, the Linux default); -1 where there is none.
   *
   * @param pid a process id, or {@code self}
   */
  static long cpuMillis(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
