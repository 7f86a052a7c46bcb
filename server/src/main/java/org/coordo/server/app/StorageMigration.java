package org.coordo.server.app;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.mail.MailKeyspaces;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.copy.KeyspaceCopy;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.queue.KvDurableQueue;

/**
 * Moves a node's data from one store to another (RocksDB to PostgreSQL with {@code ./coordo
 * migrate-storage}): every keyspace of {@link StorageSchema} entry by entry, and the durable queues'
 * pending jobs through the target's own {@link DurableQueue}s (a backend may keep its queues outside
 * the key-value tables), then checks the copy. Written against {@link KvStore} only, so it runs
 * between any two stores.
 */
public final class StorageMigration {

  /** A durable queue of the node: its name and its two keyspaces in a key-value store. */
  public record Queue(String name, String jobsKeyspace, String idsKeyspace) {}

  /**
   * The durable queues the node opens through its backend's queue factory (delivery, mail): their
   * keyspaces are copied as jobs, not as entries. The publication-mail fan-out keeps its jobs in its
   * own keyspaces on any backend, so they are copied as entries like the rest.
   */
  public static final List<Queue> QUEUES = List.of(
      new Queue("delivery", FederationKeyspaces.DELIVERY, FederationKeyspaces.DELIVERY_IDS),
      new Queue("mail", MailKeyspaces.QUEUE, MailKeyspaces.QUEUE_IDS));

  /** An open target store with its queues as the node opens them there; closing it closes both. */
  public interface Target extends AutoCloseable {
    KvStore store();

    Function<Queue, DurableQueue> queues();

    /** Where the data goes, for the messages (no password). */
    String describe();

    @Override
    void close();
  }

  /**
   * The PostgreSQL database of {@code storage.postgresql.*} (whatever {@code storage.backend} says), opened as a
   * node process opens it: schema created or checked, queues from the backend's queue factory. Blocking.
   */
  public static Target openPostgres(NodeConfig config) {
    Vertx vertx = Vertx.vertx();
    StoreBackend backend;
    try {
      backend = PostgresBackend.open(vertx, config, Clock.systemUTC());
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    JobIds ids = new JobIds(Clock.systemUTC(), new Random());
    return new Target() {
      @Override
      public KvStore store() {
        return backend.store();
      }

      @Override
      public Function<Queue, DurableQueue> queues() {
        return q -> backend.queues().open(backend.store(), q.jobsKeyspace(), q.idsKeyspace(), ids);
      }

      @Override
      public String describe() {
        NodeConfig.Postgresql pg = config.storage().postgresql();
        return "PostgreSQL database " + pg.database() + " on " + pg.host() + ":" + pg.port();
      }

      @Override
      public void close() {
        try {
          backend.close();
        } finally {
          vertx.close();
        }
      }
    };
  }

  /** What the migration found: one check per keyspace and one line per queue. */
  public record Report(List<KeyspaceCopy.Check> keyspaces, List<QueueCheck> queues) {
    public boolean ok() {
      return keyspaces.stream().allMatch(KeyspaceCopy.Check::ok) && queues.stream().allMatch(QueueCheck::ok);
    }

    public long entries() {
      return keyspaces.stream().mapToLong(KeyspaceCopy.Check::targetCount).sum();
    }
  }

  /** Jobs pending in the source queue, jobs copied, jobs the target queue holds after the copy. */
  public record QueueCheck(String queue, long source, long copied, long target) {
    public boolean ok() {
      return source == copied && copied == target;
    }
  }

  private final KvStore source;
  private final KvStore target;
  private final Function<Queue, DurableQueue> targetQueues;
  private final PrintStream progress;
  private final Clock clock;
  private final int batchSize;
  private final int sampleEvery;

  /**
   * @param targetQueues opens each queue on the target (as the node will open it there)
   * @param progress where progress lines go
   */
  public StorageMigration(KvStore source, KvStore target, Function<Queue, DurableQueue> targetQueues,
      PrintStream progress, Clock clock, int batchSize, int sampleEvery) {
    this.source = source;
    this.target = target;
    this.targetQueues = targetQueues;
    this.progress = progress;
    this.clock = clock;
    this.batchSize = batchSize;
    this.sampleEvery = sampleEvery;
  }

  /** The keyspaces copied entry by entry: every keyspace but the queues'. */
  public static List<String> copiedKeyspaces() {
    Set<String> queueSpaces = new HashSet<>();
    for (Queue queue : QUEUES) {
      queueSpaces.add(queue.jobsKeyspace());
      queueSpaces.add(queue.idsKeyspace());
    }
    List<String> names = new ArrayList<>();
    for (String name : StorageSchema.options().keyspaces()) {
      if (!queueSpaces.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * The target's keyspaces and queues that already hold data ({@code meta} aside: opening a store
   * writes its schema version there). The migration only writes into an empty target.
   */
  public List<String> nonEmptyTarget() {
    List<String> found = new ArrayList<>();
    for (String name : copiedKeyspaces()) {
      if (!name.equals(StoreOptions.META) && !KeyspaceCopy.isEmpty(target, name)) {
        found.add(name);
      }
    }
    for (Queue queue : QUEUES) {
      if (targetQueues.apply(queue).size() > 0) {
        found.add("queue " + queue.name());
      }
    }
    return found;
  }

  /** Copies everything, then checks it. */
  public Report run() {
    List<String> keyspaces = copiedKeyspaces();
    for (String name : keyspaces) {
      long total = KeyspaceCopy.copy(source, target, name, batchSize, copied -> {
        if (copied % (batchSize * 20L) == 0) {
          progress.println("  " + name + ": " + copied + " entries copied");
        }
      });
      progress.println("copied " + name + ": " + total + " entries");
    }
    List<QueueCheck> queues = new ArrayList<>();
    for (Queue queue : QUEUES) {
      KvDurableQueue from = new KvDurableQueue(source, queue.jobsKeyspace(), queue.idsKeyspace());
      DurableQueue to = targetQueues.apply(queue);
      long pending = from.size();
      long copied = from.copyTo(to, target, clock.instant(), batchSize);
      queues.add(new QueueCheck(queue.name(), pending, copied, to.size()));
      progress.println("copied queue " + queue.name() + ": " + copied + " pending jobs");
    }
    List<KeyspaceCopy.Check> checks = new ArrayList<>();
    for (String name : keyspaces) {
      KeyspaceCopy.Check check = KeyspaceCopy.verify(source, target, name, sampleEvery);
      checks.add(check);
      progress.println("checked " + name + ": " + check.sourceCount() + " = " + check.targetCount()
          + " entries, " + check.sampled() + " sampled" + (check.ok() ? "" : " MISMATCH " + check.mismatches()));
    }
    return new Report(List.copyOf(checks), List.copyOf(queues));
  }
}
