package org.coordo.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * object reconnects and takes the same slot again. If another process took that slot meanwhile (a
 * narrow window: it started during the outage), {@link #held()} turns false and the loss is logged;
 * the process should then stop claiming (its leases may be released by the new holder).
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
  private final int slot;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean held = true;
  private volatile PgConnection connection;
  private volatile int live = 1;
  private final long countTimer;

  private PgOwnership(Vertx vertx, PgOptions options, String prefix, int lockSpace, int slot, PgConnection connection) {
    this.vertx = vertx;
    this.options = options;
    this.prefix = prefix;
    this.lockSpace = lockSpace;
    this.slot = slot;
    watch(connection);
    this.countTimer = vertx.setPeriodic(COUNT_EVERY_MILLIS, t -> recount());
  }

  /** Takes the first free name {@code prefix-N} on the store's database. Blocks: call it from a worker thread. */
  public static PgOwnership acquire(PgKvStore store, String prefix) {
    return acquire(store.vertx(), store.options(), prefix);
  }

  /** Takes the first free name {@code prefix-N} on that database. Blocks: call it from a worker thread. */
  public static PgOwnership acquire(Vertx vertx, PgOptions options, String prefix) {
    if (prefix == null || !prefix.matches("[!-~]{1,58}")) {
      throw new IllegalArgumentException("owner prefix must be 1 to 58 printable ASCII characters");
    }
    int lockSpace = lockSpace(prefix);
    PgConnection conn = PgCalls.await(
        PgConnection.connect(vertx, PgKvStore.connectOptions(options)), options.timeout(), "connect", null);
    try {
      for (int slot = 0; slot < MAX_SLOTS; slot++) {
        if (PgCalls.await(tryLock(conn, lockSpace, slot), options.timeout(), "owner lock", null)) {
          PgOwnership owner = new PgOwnership(vertx, options, prefix, lockSpace, slot, conn);
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

  /** The owner name, {@code prefix-slot}. */
  public String name() {
    return prefix + "-" + slot;
  }

  public int slot() {
    return slot;
  }

  /** False once another process took this name after a lost connection (see class comment). */
  public boolean held() {
    return held;
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

  private static int lockSpace(String prefix) {
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
      if (!closed.get() && held) {
        LOG.warn("owner name {}: PostgreSQL connection lost, taking the name again", name());
        retake();
      }
    });
  }

  private void retake() {
    if (closed.get()) {
      return;
    }
    PgConnection.connect(vertx, PgKvStore.connectOptions(options))
        .compose(conn -> tryLock(conn, lockSpace, slot).map(ok -> {
          if (ok) {
            if (closed.get()) {
              conn.close();
            } else {
              watch(conn);
              LOG.info("owner name {} held again", name());
            }
          } else {
            held = false;
            conn.close();
            LOG.error("owner name {} was taken by another process while PostgreSQL was unreachable: "
                + "this process must stop claiming jobs under it", name());
          }
          return ok;
        }))
        .onFailure(e -> vertx.setTimer(RETRY_MILLIS, t -> retake()));
  }
}
