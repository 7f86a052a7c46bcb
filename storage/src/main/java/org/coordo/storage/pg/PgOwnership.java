package org.coordo.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue owner name that one live process holds exclusively: {@code prefix-0}, {@code prefix-1}, ...
 * ({@link org.coordo.storage.DurableQueue} explains why a process needs one). {@link #acquire} takes
 * the first free slot with a PostgreSQL session advisory lock {@code pg_try_advisory_lock(hash(prefix),
 * slot)}, on a connection of its own that stays open for the life of the process: a process that dies
 * (even {@code kill -9}) loses its connection, PostgreSQL releases the lock, and the next process to
 * start takes the freed name and, with {@link org.coordo.storage.DurableQueue#releaseLeases}, the jobs
 * the dead one held. So N processes use names {@code prefix-0} to {@code prefix-(N-1)}, and a restarted
 * process usually gets back the name it had.
 *
 * <p>If the connection breaks while the process lives (PostgreSQL restarted), the lock is gone: this
 * object reconnects (every {@link #RETRY_MILLIS} ms while PostgreSQL is unreachable) and takes the same slot
 * again. If another process took that slot meanwhile (it started during the outage, and released the leases of
 * the name as a starting process does), this one takes the first free slot instead: {@link #name()} changes,
 * the change is logged, and a {@link PgDurableQueue} made on this object claims under the new name from its next
 * claim on (releasing first what a dead former holder of the new name leased). The jobs this process had leased
 * under the old name may then be delivered twice (by it and by the name's new holder), as after a {@code kill -9}.
 * {@link #takes()} counts the times a name was taken, so that one can wait for the retake.
 *
 * <p>It also counts the names of its prefix held now, that is the node's live processes ({@link #count()}): once
 * at {@link #acquire} and every {@link #COUNT_EVERY_MILLIS} ms after, from {@code pg_locks}, on its connection.
 */
public final class PgOwnership implements AutoCloseable, LiveProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(PgOwnership.class);
  /** Slots tried before giving up. */
  public static final int MAX_SLOTS = 1024;
  private static final long RETRY_MILLIS = 500;
  /** How often the count of live processes is refreshed. */
  public static final long COUNT_EVERY_MILLIS = 3_000;

  private final Vertx vertx;
  private final PgOptions options;
  private final String prefix;
  private final int lockSpace;
  private final long firstRetakeDelayMillis;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong takes = new AtomicLong(1);
  private volatile int slot;
  private volatile boolean held = true;
  private volatile PgConnection connection;
  private volatile int live = 1;
  private final long countTimer;

  private PgOwnership(Vertx vertx, PgOptions options, String prefix, int lockSpace, int slot, PgConnection connection,
      long firstRetakeDelayMillis) {
    this.vertx = vertx;
    this.options = options;
    this.prefix = prefix;
    this.lockSpace = lockSpace;
    this.slot = slot;
    this.firstRetakeDelayMillis = firstRetakeDelayMillis;
    watch(connection);
    this.countTimer = vertx.setPeriodic(COUNT_EVERY_MILLIS, t -> recount());
  }

  /** Takes the first free name {@code prefix-N} on the store's database. Blocks: call it from a worker thread. */
  public static PgOwnership acquire(PgKvStore store, String prefix) {
    return acquire(store.vertx(), store.options(), prefix);
  }

  /** Takes the first free name {@code prefix-N} on that database. Blocks: call it from a worker thread. */
  public static PgOwnership acquire(Vertx vertx, PgOptions options, String prefix) {
    return acquire(vertx, options, prefix, 0);
  }

  /**
   * As {@link #acquire(Vertx, PgOptions, String)}, waiting {@code firstRetakeDelayMillis} after a lost connection
   * before the first retake (tests use it to let another process take the name first).
   */
  static PgOwnership acquire(Vertx vertx, PgOptions options, String prefix, long firstRetakeDelayMillis) {
    if (prefix == null || !prefix.matches("[!-~]{1,58}")) {
      throw new IllegalArgumentException("owner prefix must be 1 to 58 printable ASCII characters");
    }
    int lockSpace = lockSpace(prefix);
    PgConnection conn = PgCalls.await(
        PgConnection.connect(vertx, PgKvStore.connectOptions(options)), options.timeout(), "connect", null);
    try {
      for (int slot = 0; slot < MAX_SLOTS; slot++) {
        if (PgCalls.await(tryLock(conn, lockSpace, slot), options.timeout(), "owner lock", null)) {
          PgOwnership owner = new PgOwnership(vertx, options, prefix, lockSpace, slot, conn, firstRetakeDelayMillis);
          owner.live = PgCalls.await(countHeld(conn, lockSpace), options.timeout(), "count owners", null);
          return owner;
        }
      }
    } catch (RuntimeException e) {
      conn.close();
      throw e;
    }
    conn.close();
    throw new StorageException("no free owner name '" + prefix + "-N' among " + MAX_SLOTS);
  }

  /** The owner name, {@code prefix-slot}; another one after a retake found the slot taken (see class comment). */
  public String name() {
    return prefix + "-" + slot;
  }

  public int slot() {
    return slot;
  }

  /**
   * True while this process holds a name: false from a lost connection until a name is taken again (PostgreSQL
   * unreachable), and for good after {@link #close()} or if all {@link #MAX_SLOTS} slots were taken.
   */
  public boolean held() {
    return held;
  }

  /** How many times a name was taken: 1 at {@link #acquire}, one more at each retake after a lost connection. */
  public long takes() {
    return takes.get();
  }

  /**
   * The names of this prefix held now (this process's included): the node's live processes, as last counted
   * (at most {@link #COUNT_EVERY_MILLIS} ms ago; the last count while PostgreSQL is unreachable). At least 1.
   */
  @Override
  public int count() {
    return live;
  }

  /** Releases the name (closes its connection). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      held = false;
      vertx.cancelTimer(countTimer);
      PgConnection conn = connection;
      if (conn != null) {
        try {
          PgCalls.await(conn.close(), options.timeout(), "close", null);
        } catch (RuntimeException e) {
          // the session ends anyway
        }
      }
    }
  }

  static int lockSpace(String prefix) {
    return ("coordo-owner:" + prefix).hashCode();
  }

  private static Future<Boolean> tryLock(PgConnection conn, int lockSpace, int slot) {
    return conn.preparedQuery("SELECT pg_try_advisory_lock($1, $2)")
        .execute(Tuple.of(lockSpace, slot))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * The advisory locks {@code (lockSpace, slot)} granted in this database: {@code pg_try_advisory_lock(int4,
   * int4)} shows in {@code pg_locks} with {@code classid} = the first key (as an unsigned oid), {@code objid} = the
   * second, {@code objsubid} = 2.
   */
  private static Future<Integer> countHeld(PgConnection conn, int lockSpace) {
    return conn.preparedQuery("SELECT count(DISTINCT objid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND objsubid = 2 AND classid::int8 = $1"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
        .execute(Tuple.of(Integer.toUnsignedLong(lockSpace)))
        .map(rows -> Math.max(1, rows.iterator().next().getLong(0).intValue()));
  }

  private void recount() {
    PgConnection conn = connection;
    if (closed.get() || conn == null) {
      return;
    }
    countHeld(conn, lockSpace).onSuccess(n -> live = n)
        .onFailure(e -> LOG.debug("owner names {}: count failed, keeping {}", prefix, live, e));
  }

  private void watch(PgConnection conn) {
    connection = conn;
    conn.closeHandler(v -> {
      if (!closed.get() && connection == conn) {
        held = false;
        LOG.warn("owner name {}: PostgreSQL connection lost, taking the name again", name());
        if (firstRetakeDelayMillis > 0) {
          vertx.setTimer(firstRetakeDelayMillis, t -> retake());
        } else {
          retake();
        }
      }
    });
  }

  private void retake() {
    if (closed.get()) {
      return;
    }
    PgConnection.connect(vertx, PgKvStore.connectOptions(options))
        .compose(conn -> takeSlot(conn, slot).map(taken -> {
          if (taken < 0 || closed.get()) {
            conn.close();
            if (taken < 0) {
              LOG.error("owner names {}: the name {} was taken by another process while PostgreSQL was unreachable "
                  + "and none of the {} names is free: this process claims no jobs until it restarts", prefix, name(), MAX_SLOTS);
            }
            return taken;
          }
          String before = name();
          slot = taken;
          watch(conn);
          held = true;
          takes.incrementAndGet();
          if (before.equals(name())) {
            LOG.info("owner name {} held again", name());
          } else {
            LOG.warn("owner name {} was taken by another process while PostgreSQL was unreachable: this process "
                + "now claims as {}", before, name());
          }
          return taken;
        }))
        .onFailure(e -> {
          if (!closed.get()) {
            vertx.setTimer(RETRY_MILLIS, t -> retake());
          }
        });
  }

  /** Locks {@code preferred} if free, else the first free slot; -1 if none. On failure the connection is closed. */
  private Future<Integer> takeSlot(PgConnection conn, int preferred) {
    return tryLock(conn, lockSpace, preferred)
        .compose(ok -> ok ? Future.succeededFuture(preferred) : firstFree(conn, 0))
        .onFailure(e -> conn.close());
  }

  private Future<Integer> firstFree(PgConnection conn, int from) {
    if (from >= MAX_SLOTS) {
      return Future.succeededFuture(-1);
    }
    return tryLock(conn, lockSpace, from).compose(ok -> ok ? Future.succeededFuture(from) : firstFree(conn, from + 1));
  }
}
