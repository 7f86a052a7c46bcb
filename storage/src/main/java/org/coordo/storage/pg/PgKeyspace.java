package org.coordo.storage.pg;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.storage.Cursor;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.Page;
import org.coordo.storage.Paging;

/** One keyspace: the table {@code kv_<name>}. SQL texts are built once; values are always parameters. */
final class PgKeyspace implements Keyspace {
  private final PgKvStore store;
  private final String name;
  private final String table;
  private final String findSql;
  private final String findAllSql;
  private final String upsertSql;
  private final String insertIfAbsentSql;
  private final String deleteSql;

  PgKeyspace(PgKvStore store, String name, String table) {
    this.store = store;
    this.name = name;
    this.table = table;
    this.findSql = "SELECT v FROM " + table + " WHERE k = $1";
    this.findAllSql = "SELECT k, v FROM " + table + " WHERE k = ANY($1)";
    this.upsertSql = "INSERT INTO " + table + " (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";
    this.insertIfAbsentSql = "INSERT INTO " + table + " (k, v) VALUES ($1, $2) ON CONFLICT (k) DO NOTHING";
    this.deleteSql = "DELETE FROM " + table + " WHERE k = $1";
  }

  @Override
  public String name() {
    return name;
  }

  PgKvStore store() {
    return store;
  }

  String upsertSql() {
    return upsertSql;
  }

  String deleteSql() {
    return deleteSql;
  }

  @Override
  public Optional<byte[]> find(byte[] key) {
    RowSet<Row> rows = store.await(
        store.pool().preparedQuery(findSql).execute(Tuple.of(Buffer.buffer(key))), "get", name);
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBuffer(0).getBytes());
  }

  /** One query for every key ({@code WHERE k = ANY($1)}), answered in the order asked. */
  @Override
  public List<Optional<byte[]>> findAll(List<byte[]> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    if (keys.size() == 1) {
      return List.of(find(keys.get(0)));
    }
    Buffer[] args = new Buffer[keys.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = Buffer.buffer(keys.get(i));
    }
    RowSet<Row> rows = store.await(
        store.pool().preparedQuery(findAllSql).execute(Tuple.of((Object) args)), "get many", name);
    Map<ByteBuffer, byte[]> found = new HashMap<>(rows.size() * 2);
    for (Row row : rows) {
      found.put(ByteBuffer.wrap(row.getBuffer(0).getBytes()), row.getBuffer(1).getBytes());
    }
    List<Optional<byte[]>> out = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      out.add(Optional.ofNullable(found.get(ByteBuffer.wrap(key))));
    }
    return out;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    store.awaitWrite(() -> store.pool().preparedQuery(upsertSql).execute(Tuple.of(Buffer.buffer(key), Buffer.buffer(value))),
        "put", name);
  }

  @Override
  public boolean putIfAbsent(byte[] key, byte[] value) {
    RowSet<Row> rows = store.awaitWrite(
        () -> store.pool().preparedQuery(insertIfAbsentSql).execute(Tuple.of(Buffer.buffer(key), Buffer.buffer(value))),
        "put if absent", name);
    return rows.rowCount() == 1;
  }

  @Override
  public void delete(byte[] key) {
    store.awaitWrite(() -> store.pool().preparedQuery(deleteSql).execute(Tuple.of(Buffer.buffer(key))), "delete", name);
  }

  @Override
  public KvIterator scan(byte[] from, byte[] to, boolean reverse) {
    return new PgKvIterator(this, from, to, reverse, PgKvIterator.CHUNK);
  }

  @Override
  public KvIterator scan(byte[] from, byte[] to, boolean reverse, int expected) {
    return new PgKvIterator(this, from, to, reverse, Math.max(1, Math.min(expected, PgKvIterator.CHUNK)));
  }

  @Override
  public KvIterator scanPrefix(byte[] prefix, boolean reverse) {
    return scan(prefix, Keys.prefixEnd(prefix), reverse);
  }

  @Override
  public Page<KvEntry> page(byte[] prefix, Cursor after, int limit, boolean reverse) {
    // One query of limit + 1 rows for an ordinary page (the extra row tells whether there is a next one).
    return Paging.page((from, to, rev) -> new PgKvIterator(this, from, to, rev, Math.min(limit + 1, PgKvIterator.CHUNK)),
        prefix, after, limit, reverse);
  }

  @Override
  public long count(byte[] prefix) {
    return count(prefix, Keys.prefixEnd(prefix));
  }

  @Override
  public long count(byte[] from, byte[] to) {
    List<Object> args = new ArrayList<>();
    String where = range(from, to, args);
    RowSet<Row> rows = store.await(
        store.pool().preparedQuery("SELECT count(*) FROM " + table + where).execute(Tuple.from(args)), "count", name);
    return rows.iterator().next().getLong(0);
  }

  /**
   * Reads up to {@code limit} entries of [from, to), ascending or descending; {@code after}, when
   * set, excludes it and everything before it in the scan direction (keyset pagination).
   */
  List<KvEntry> chunk(byte[] from, byte[] to, byte[] after, boolean reverse, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT k, v FROM ").append(table);
    String where = range(from, to, args);
    sql.append(where);
    if (after != null) {
      args.add(Buffer.buffer(after));
      sql.append(where.isEmpty() ? " WHERE " : " AND ").append(reverse ? "k < $" : "k > $").append(args.size());
    }
    sql.append(reverse ? " ORDER BY k DESC" : " ORDER BY k").append(" LIMIT ").append(limit);
    RowSet<Row> rows = store.await(store.pool().preparedQuery(sql.toString()).execute(Tuple.from(args)), "scan", name);
    List<KvEntry> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(new KvEntry(row.getBuffer(0).getBytes(), row.getBuffer(1).getBytes()));
    }
    return out;
  }

  private static String range(byte[] from, byte[] to, List<Object> args) {
    StringBuilder where = new StringBuilder();
    if (from != null && from.length > 0) {
      args.add(Buffer.buffer(from));
      where.append(" WHERE k >= $").append(args.size());
    }
    if (to != null) {
      args.add(Buffer.buffer(to));
      where.append(where.length() == 0 ? " WHERE " : " AND ").append("k < $").append(args.size());
    }
    return where.toString();
  }

  @Override
  public String toString() {
    return "PgKeyspace[" + name + "]";
  }
}
