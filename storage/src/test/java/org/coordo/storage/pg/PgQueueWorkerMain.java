package org.coordo.storage.pg;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.coordo.storage.Job;
import org.coordo.storage.StoreOptions;

/**
 * Child process for {@link PgQueueProcessesTest}: one Coordo-like queue consumer on a shared
 * PostgreSQL. It takes an owner name with {@link PgOwnership}, prints {@code OWNER name} and {@code
 * RELEASED n} (leases of a previous run handed back), waits for a {@code GO} line on stdin, then claims.
 *
 * <p>Arguments: port, database, mode, lease seconds. Mode {@code drain}: claims batches of 5 and
 * acknowledges them, printing {@code CLAIM id} before each ack, until nothing is due, then prints
 * {@code DONE}. Mode {@code hold}: claims up to 10 jobs, prints {@code CLAIM id} for each and {@code
 * HELD}, then waits to be killed.
 */
public final class PgQueueWorkerMain {
  static final StoreOptions OPTIONS = StoreOptions.of(1, "records");
  static final String QUEUE = "deliveries";
  static final String PREFIX = "worker";

  private PgQueueWorkerMain() {}

  public static void main(String[] args) throws Exception {
    PgOptions options = PgOptions.of("127.0.0.1", Integer.parseInt(args[0]), args[1], "postgres", "")
        .withSslMode("disable");
    String mode = args[2];
    Duration lease = Duration.ofSeconds(Long.parseLong(args[3]));
    PgKvStore store = PgKvStore.open(options, OPTIONS);
    PgOwnership owner = PgOwnership.acquire(store, PREFIX);
    PgDurableQueue queue = new PgDurableQueue(store, QUEUE, Clock.systemUTC(), owner.name());
    System.out.println("OWNER " + owner.name());
    System.out.println("RELEASED " + queue.releaseLeases(Instant.now()));
    System.out.flush();
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"GO".equals(stdin.readLine())) {
      return;
    }
    if (mode.equals("hold")) {
      for (Job job : queue.claim(Instant.now(), 10, lease)) {
        System.out.println("CLAIM " + job.id() + " " + job.attempts());
      }
      System.out.println("HELD");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE); // until killed: the leases stay held
    }
    List<Job> claimed;
    while (!(claimed = queue.claim(Instant.now(), 5, lease)).isEmpty()) {
      for (Job job : claimed) {
        System.out.println("CLAIM " + job.id() + " " + job.attempts());
        queue.ack(job);
      }
    }
    System.out.println("DONE");
    System.out.flush();
    owner.close();
    store.close();
  }
}
