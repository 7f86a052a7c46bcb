package org.coordo.storage.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVM processes on one PostgreSQL queue ({@link PgQueueWorkerMain}): they never claim the same
 * job, and the leases of a process killed with SIGKILL come back at once to the next run of its owner.
 */
class PgQueueProcessesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final String EOF = "<eof>";

  @TempDir Path dir;
  private PgTestDatabase database;
  private PgKvStore store;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void open() {
    database = PgTestDatabase.create();
    store = PgKvStore.open(PgTestDatabase.vertx(), database.options(), PgQueueWorkerMain.OPTIONS);
  }

  @AfterEach
  void close() {
    children.forEach(Process::destroyForcibly);
    store.close();
    database.close();
  }

  @Test
  void twoProcessesClaimingAtOnceNeverClaimTheSameJob() throws Exception {
    Set<String> enqueued = enqueue(3000, Instant.now().minusSeconds(1));
    Child a = start("drain", 300);
    Child b = start("drain", 300);
    String ownerA = a.expect("OWNER ");
    String ownerB = b.expect("OWNER ");
    assertNotEquals(ownerA, ownerB, "each process holds its own owner name");
    assertEquals(Set.of("worker-0", "worker-1"), Set.of(ownerA, ownerB));
    assertEquals("0", a.expect("RELEASED "));
    assertEquals("0", b.expect("RELEASED "));
    a.go();
    b.go();
    List<String> claimedA = a.claimsUntil("DONE");
    List<String> claimedB = b.claimsUntil("DONE");
    Set<String> all = new HashSet<>(claimedA);
    for (String id : claimedB) {
      assertTrue(all.add(id), "job " + id + " claimed by both processes");
    }
    assertEquals(claimedA.size(), new HashSet<>(claimedA).size(), "no job claimed twice by one process");
    assertEquals(enqueued, all, "every job claimed once");
    assertEquals(0, queue("test").size());
    System.out.printf("claims split between the two processes: %d / %d%n", claimedA.size(), claimedB.size());
  }

  @Test
  void leasesOfAProcessKilledWithSigkillComeBackAtOnceToTheNextRunOfItsOwner() throws Exception {
    Set<String> enqueued = enqueue(25, Instant.now().minusSeconds(1));
    Child first = start("hold", 3600);
    String owner = first.expect("OWNER ");
    assertEquals("0", first.expect("RELEASED "));
    first.go();
    List<String> held = first.claimsUntil("HELD");
    assertEquals(10, held.size());
    first.process.destroyForcibly(); // SIGKILL: no ack, no reschedule, no close
    assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, first.process.exitValue(), "killed by SIGKILL");

    // Another process's claims never return the dead process's jobs while their lease runs.
    PgDurableQueue other = queue("bystander");
    List<Job> rest = other.claim(Instant.now(), 100, Duration.ofHours(1));
    assertEquals(15, rest.size());
    rest.forEach(job -> assertFalse(held.contains(job.id()), "a leased job was claimed again"));
    rest.forEach(job -> other.reschedule(job, Instant.now().minusSeconds(1)));

    // The next run takes the dead process's owner name (PostgreSQL dropped its advisory lock with its
    // connection) and releases its leases at start: the ten jobs are due again at once.
    Child next = start("drain", 300);
    assertEquals(owner, next.expect("OWNER "), "the restarted process gets the same owner name");
    assertEquals("10", next.expect("RELEASED "));
    next.go();
    List<String> drained = next.claimsUntil("DONE");
    assertEquals(enqueued, new HashSet<>(drained), "every job done, the ten held ones included");
    assertTrue(next.attempts.entrySet().stream()
            .filter(e -> held.contains(e.getKey())).allMatch(e -> e.getValue() == 2),
        "the killed run's attempt still counts: " + next.attempts);
    assertEquals(0, queue("test").size());
  }

  private PgDurableQueue queue(String owner) {
    return new PgDurableQueue(store, PgQueueWorkerMain.QUEUE, Clock.systemUTC(), owner);
  }

  private Set<String> enqueue(int n, Instant due) {
    PgDurableQueue queue = queue("test");
    Set<String> ids = new HashSet<>();
    try (KvBatch batch = store.newBatch()) {
      for (int i = 0; i < n; i++) {
        ids.add(queue.enqueue(batch, due, Keys.intBE(i)));
      }
      store.write(batch, Durability.WAL);
    }
    return ids;
  }

  private Child start(String mode, long leaseSeconds) throws IOException {
    Path stderr = Files.createTempFile(dir, "worker", ".err");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(PgQueueWorkerMain.class.getName(), String.valueOf(PgTestDatabase.port()),
        database.name(), mode, String.valueOf(leaseSeconds)));
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    children.add(process);
    return new Child(process, stderr);
  }

  /** A child JVM and the lines it printed. */
  private static final class Child {
    final Process process;
    final Path stderr;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Map<String, Integer> attempts = new HashMap<>();
    final long deadline = System.nanoTime() + DEADLINE.toNanos();

    Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      Thread reader = new Thread(this::read, "pg-worker-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    void go() throws IOException {
      OutputStream in = process.getOutputStream();
      in.write("GO\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** The rest of the next line, which must start with {@code prefix}. */
    String expect(String prefix) throws Exception {
      String line = next();
      assertTrue(line.startsWith(prefix), "expected " + prefix + "... got " + line);
      return line.substring(prefix.length());
    }

    /** The job ids of the CLAIM lines printed before {@code end}. */
    List<String> claimsUntil(String end) throws Exception {
      List<String> ids = new ArrayList<>();
      String line;
      while (!(line = next()).equals(end)) {
        String[] parts = line.split(" ");
        assertEquals("CLAIM", parts[0], line);
        ids.add(parts[1]);
        attempts.put(parts[1], Integer.parseInt(parts[2]));
      }
      return ids;
    }

    private String next() throws Exception {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        fail("worker stopped or stalled: " + Files.readString(stderr));
      }
      return line;
    }

    private void read() {
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
}
