package org.coordo.storage.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.coordo.storage.StorageException;

/**
 * The SQL schema of a {@link PgKvStore}, versioned separately from the key layouts (which {@link
 * org.coordo.storage.StoreOptions} migrations version, as on RocksDB).
 *
 * <pre>
 * coordo_sql_schema (id = 1, version)           the SQL version below, one row
 * coordo_keyspaces  (name, table_name)          every keyspace ever opened
 * kv_&lt;name&gt;        (k bytea PK, v bytea)         one table per keyspace; bytea compares as unsigned
 *                                               bytes (memcmp, then length), like RocksDB's comparator,
 *                                               so the primary key's B-tree serves every range scan
 * coordo_jobs       (queue, id, due_at, ...)     durable queues (see PgDurableQueue)
 * </pre>
 *
 * Each step of {@link #STEPS} runs once, in a transaction that also records the new version. Opening
 * holds a PostgreSQL advisory lock, so several processes starting together migrate once. We keep this
 * list in code instead of a migration tool (Flyway): the steps are a handful of DDL statements owned
 * by this class, the version check must sit next to the {@code StoreOptions} one, and a tool would add
 * a JDBC driver next to the reactive client.
 */
final class PgSchema {
  /** Session advisory lock key held while a process opens (and migrates) the store. */
  static final long OPEN_LOCK = 0x436F6F72646F0001L;

  private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z0-9_]{1,60}");

  /** Step i brings the SQL schema from version i to i + 1. Append only; never edit a released step. */
  static final List<List<String>> STEPS =
      List.of(
          List.of(
              "CREATE TABLE coordo_keyspaces (name text PRIMARY KEY, table_name text NOT NULL UNIQUE)"),
          List.of(
              """
              CREATE TABLE coordo_jobs (
                queue text NOT NULL,
                id text NOT NULL,
                due_at bigint NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                owner text,
                enqueued_at bigint NOT NULL,
                payload bytea NOT NULL,
                PRIMARY KEY (queue, id))""",
              "CREATE INDEX coordo_jobs_due ON coordo_jobs (queue, due_at, id)",
              "CREATE INDEX coordo_jobs_owner ON coordo_jobs (queue, owner) WHERE owner IS NOT NULL"));

  /** The SQL schema version this code writes. */
  static final int VERSION = STEPS.size();

  private PgSchema() {}

  /** The table of a keyspace, quoted. */
  static String table(String keyspace) {
    if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
      throw new StorageException(
          "keyspace name '" + keyspace + "' is not usable on PostgreSQL: 1 to 60 letters, digits or '_'");
    }
    return "\"kv_" + keyspace + "\"";
  }

  /** Brings the SQL schema up to {@link #VERSION}; the caller holds {@link #OPEN_LOCK}. */
  static Future<Integer> migrate(SqlConnection conn) {
    return conn.query(
            "CREATE TABLE IF NOT EXISTS coordo_sql_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)")
        .execute()
        .compose(done -> conn.query("SELECT version FROM coordo_sql_schema WHERE id = 1").execute())
        .compose(rows -> {
          int stored = rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
          if (stored > VERSION) {
            return Future.failedFuture(new StorageException(
                "PostgreSQL schema version " + stored + " is newer than this Coordo supports (" + VERSION
                    + "); upgrade Coordo"));
          }
          Future<Integer> chain = Future.succeededFuture(stored);
          for (int version = stored; version < VERSION; version++) {
            int from = version;
            chain = chain.compose(v -> step(conn, from));
          }
          return chain;
        });
  }

  private static Future<Integer> step(SqlConnection conn, int from) {
    return conn.begin().compose(tx -> {
      Future<?> chain = Future.succeededFuture();
      for (String sql : STEPS.get(from)) {
        chain = chain.compose(v -> conn.query(sql).execute());
      }
      return chain
          .compose(v -> conn.preparedQuery(
                  "INSERT INTO coordo_sql_schema (id, version) VALUES (1, $1) "
                      + "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version")
              .execute(Tuple.of(from + 1)))
          .compose(v -> tx.commit())
          .map(from + 1)
          .onFailure(e -> tx.rollback());
    });
  }

  /** Creates the missing tables of {@code declared} and returns every registered keyspace name. */
  static Future<List<String>> ensureKeyspaces(SqlConnection conn, List<String> declared) {
    Future<?> chain = Future.succeededFuture();
    for (String name : declared) {
      String table = table(name);
      chain = chain
          .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS " + table
                  + " (k bytea PRIMARY KEY, v bytea NOT NULL)").execute())
          .compose(v -> conn.preparedQuery(
                  "INSERT INTO coordo_keyspaces (name, table_name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
              .execute(Tuple.of(name, table)));
    }
    return chain
        .compose(v -> conn.query("SELECT name FROM coordo_keyspaces ORDER BY name").execute())
        .map(rows -> {
          List<String> names = new ArrayList<>(declared);
          for (Row row : rows) {
            if (!names.contains(row.getString(0))) {
              names.add(row.getString(0));
            }
          }
          return names;
        });
  }
}
