package org.coordo.storage.rocks;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.queue.KvDurableQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux) and checks
 * that every write it acknowledged is on disk after reopening.
 */
class KillDurabilityTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String EOF = "<eof>";

  @TempDir Path dir;

  @Test
  void acknowledgedWalPutsSurviveKill9() throws Exception {
    long acked = runAndKill("put", 2000);
    assertRecordsPresent(acked);
  }

  @Test
  void acknowledgedWalBatchesSurviveKill9() throws Exception {
    long acked = runAndKill("batch-wal", 2000);
    assertRecordsPresent(acked);
  }

  @Test
  void acknowledgedSyncBatchesSurviveKill9() throws Exception {
    long acked = runAndKill("batch-sync", 300);
    assertRecordsPresent(acked);
  }

  @Test
  void acknowledgedGroupCommitsSurviveKill9() throws Exception {
    long acked = runAndKill("group-sync", 1000);
    assertRecordsPresent(acked);
  }

  @Test
  void enqueuedJobsSurviveKill9() throws Exception {
    long acked = runAndKill("queue", 1000);
    try (RocksKvStore store = RocksKvStore.open(dir, CrashWriterMain.OPTIONS)) {
      KvDurableQueue queue = new KvDurableQueue(store, "jobs", "job_ids");
      assertTrue(queue.size() > acked, "size " + queue.size() + " after " + (acked + 1) + " acks");
      Set<Long> payloads = new HashSet<>();
      List<Job> claimed;
      while (!(claimed = queue.claim(CrashWriterMain.DUE, 500, Duration.ofHours(1))).isEmpty()) {
        claimed.forEach(job -> payloads.add(Keys.readLong(job.payload(), 0)));
      }
      for (long n = 0; n <= acked; n++) {
        assertTrue(payloads.contains(n), "acknowledged job " + n + " lost");
      }
    }
  }

  private void assertRecordsPresent(long lastAck) {
    try (RocksKvStore store = RocksKvStore.open(dir, CrashWriterMain.OPTIONS)) {
      for (long n = 0; n <= lastAck; n++) {
        assertTrue(
            store.keyspace("records").find(Keys.longBE(n)).isPresent(),
            "acknowledged record " + n + " lost (last ack " + lastAck + ")");
      }
    }
  }

  /** Runs the child until it has acknowledged {@code atLeast} writes, kills it, returns the last ack. */
  private long runAndKill(String mode, long atLeast) throws Exception {
    Path stderr = dir.resolve("crash-writer.err");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(CrashWriterMain.class.getName(), dir.resolve("db").toString(), mode));
    dir = dir.resolve("db");
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(process, lines), "crash-writer-stdout");
    reader.setDaemon(true);
    reader.start();
    long lastAck = -1;
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try {
      while (lastAck < atLeast - 1) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(EOF)) {
          fail("child stopped or stalled after ack " + lastAck + ": " + Files.readString(stderr));
        }
        lastAck = parseAck(line, lastAck);
      }
    } finally {
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child did not die");
    assertEquals(137, process.exitValue(), "killed by SIGKILL");
    // acks already printed before the kill count too
    String line;
    while (!(line = lines.take()).equals(EOF)) {
      lastAck = parseAck(line, lastAck);
    }
    return lastAck;
  }

  private static long parseAck(String line, long lastAck) {
    if (!line.startsWith("ACK ")) {
      return lastAck;
    }
    long n = Long.parseLong(line.substring(4));
    assertEquals(lastAck + 1, n, "acks in order");
    return n;
  }

  private static void readLines(Process process, BlockingQueue<String> lines) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the pipe breaks when the child is killed
    } finally {
      lines.add(EOF);
    }
  }
}
