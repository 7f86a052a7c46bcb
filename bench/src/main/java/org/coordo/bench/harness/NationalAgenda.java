package org.coordo.bench.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.coordo.server.domain.NodeTime;

/**
 * National agenda at scale: a national node ({@code role: national}) holding {@code events} aggregated events of
 * {@code cities} collectives ({@link AgendaDataset}), started as {@code java <launcher flags> -jar coordo.jar run}
 * in a child process on 127.0.0.1, then read over HTTP by {@code concurrency} closed-loop clients:
 *
 * <ol>
 *   <li>launch to a healthy {@code /health}; {@code VmRSS} 5 s later;
 *   <li>per query a sample request (checked; its size and item count reported); then {@code warmup} untimed
 *       requests of every query; then, query after query, {@code requests} timed ones with varied parameters
 *       (random city, weighted category, week, cursor), and the node's CPU time per request ({@code /proc});
 *   <li>{@code VmRSS} sampled every 100 ms over the whole load, {@code VmHWM} at the end;
 *   <li>SIGTERM, then the size of {@code data/db} (every file: tables, WAL, manifest, logs) per event.
 * </ol>
 */
final class NationalAgenda {
  static final String NAME = "national agenda";
  static final double PAGE_P99_MS = 10;
  /** Issue 18's target for the same pages on PostgreSQL (a network round trip per query). */
  static final double PG_PAGE_P99_MS = 20;
  static final double RSS_MB = 512;
  static final double DISK_BYTES_PER_EVENT = 2048;

  /**
   * @param dataset directory of a reusable dataset (generated when absent), or null for a temporary one
   * @param requests timed requests per query
   * @param warmup untimed requests per query before the timed ones
   * @param concurrency requests in flight
   * @param writers threads writing the dataset when it is generated
   * @param rate after the closed-loop runs, the page queries again at this many requests per second (open loop;
   *     0: not run)
   */
  record Settings(int events, int cities, Path dataset, Path jar, String javaOpts, int requests, int warmup,
      int concurrency, int writers, List<String> queries, int rate) {

    static Settings from(Map<String, String> opts) {
      String dataset = opts.get("dataset");
      return new Settings(Harness.intOpt(opts, "events", 1_000_000), Harness.intOpt(opts, "cities", 100),
          dataset == null ? null : Path.of(dataset), Path.of(opts.getOrDefault("jar", "server/target/coordo.jar")),
          opts.getOrDefault("java-opts", Launch.COORDO_JAVA_OPTS), Harness.intOpt(opts, "agenda-requests", 2000),
          Harness.intOpt(opts, "agenda-warmup", 1000), Harness.intOpt(opts, "agenda-concurrency", 4),
          Harness.intOpt(opts, "writers", 2), queries(opts.getOrDefault("agenda-queries", "all")),
          Harness.intOpt(opts, "agenda-rate", 100));
    }

    private static List<String> queries(String value) {
      List<String> names = value.equals("all") ? QUERIES : List.of(value.split(","));
      for (String n : names) {
        if (!QUERIES.contains(n)) {
          throw new IllegalArgumentException("--agenda-queries: unknown query " + n + " (known: all, "
              + String.join(",", QUERIES) + ")");
        }
      }
      return names;
    }
  }

  /** The queries, by the names {@code --agenda-queries} takes (comma-separated, or {@code all}). */
  static final List<String> QUERIES = List.of("first", "first-gzip", "home", "city", "category", "city-category",
      "week", "cursor", "ics", "ics200", "ics-city", "rss", "atom", "health");

  /** One measured request shape. {@code page}: the agenda-page target applies. */
  private record Query(String name, String label, String accept, IntFunction<String> paths, boolean page,
      boolean gzip) {
    Query(String name, String label, String accept, IntFunction<String> paths, boolean page) {
      this(name, label, accept, paths, page, false);
    }
  }

  private final Settings s;
  private final BenchPostgres pg;
  private final String name;

  NationalAgenda(Settings settings) {
    this(settings, null);
  }

  /**
   * [pg-ops] With {@code pg}, the node runs on PostgreSQL: the RocksDB dataset is loaded into a new database with
   * {@code ./coordo migrate-storage --to postgresql} (timed: that is the load path), then the node starts on it.
   */
  NationalAgenda(Settings settings, BenchPostgres pg) {
    this.s = settings;
    this.pg = pg;
    this.name = pg == null ? NAME : NAME + " (postgresql)";
  }

  List<Row> run() throws Exception {
    if (!Files.isRegularFile(s.jar())) {
      throw new IllegalStateException("no node jar at " + s.jar().toAbsolutePath() + " (build it, or pass --jar)");
    }
    boolean temporary = s.dataset() == null;
    Path dir = temporary ? Files.createTempDirectory("coordo-agenda") : s.dataset().toAbsolutePath();
    try {
      AgendaDataset.Info data = AgendaDataset.ensure(dir, s.events(), s.cities(), s.writers());
      List<Row> rows = new ArrayList<>();
      rows.add(Row.info(NAME, "dataset", String.format("%,d events, %d cities, %s", data.events(), data.cities(),
          data.reused() ? "reused" : "generated")));
      rows.add(Row.info(NAME, "dataset generation, " + s.writers() + " writers (s)",
          String.format("%.0f%s", data.generationSeconds(), data.reused() ? " (when generated)" : "")));
      rows.add(Row.info(NAME, "stored item record, mean of 1,000 (bytes)",
          String.format("%.0f", data.itemValueBytes())));
      rows.add(Row.info(NAME, "data/db after generation, per event (bytes)",
          String.format("%.0f", (double) data.dbBytesAfterGeneration() / data.events())));
      if (pg != null) {
        return onPostgres(data, rows);
      }
      try (ChildNode node = ChildNode.start(s.jar(), s.javaOpts(), data.dataDir(), national(), true)) {
        rows.add(Row.info(NAME, "command", "java " + s.javaOpts() + " -Xlog:gc:file=…:timemillis -jar "
            + s.jar().getFileName() + " run"));
        rows.add(Row.info(NAME, "launch to first 200 on /health (ms)", String.format("%.0f", node.healthyMillis())));
        Thread.sleep(5000); // settle after start: the figure is the RSS of a started node
        rows.add(Row.info(NAME, "RSS 5 s after healthy (MB)", mb(node.statusKb("VmRSS"))));
        measure(node, rows);
        node.stop();
      }
      long total = AgendaDataset.directoryBytes(data.db());
      long tables = AgendaDataset.tableBytes(data.db());
      rows.add(Row.info(NAME, "data/db after the node stopped: all files / tables (MB)",
          String.format("%.1f / %.1f", total / 1e6, tables / 1e6)));
      rows.add(Row.atMost(NAME, "disk per event: all files of data/db after stop / events (bytes)",
          (double) total / data.events(), DISK_BYTES_PER_EVENT, "%.0f"));
      return rows;
    } finally {
      if (temporary) {
        Cleanup.deleteTree(dir);
      }
    }
  }

  /** Loads the dataset into a new PostgreSQL database with the migrate-storage command, then measures a node on it. */
  private List<Row> onPostgres(AgendaDataset.Info data, List<Row> rows) throws Exception {
    String database = "coordo_agenda_" + System.currentTimeMillis();
    pg.createDatabase(database);
    Path work = Files.createTempDirectory("coordo-agenda-pg");
    try {
      Files.writeString(work.resolve("node.json"), "{}");
      Map<String, String> env = new java.util.HashMap<>(pg.env(database));
      env.put("COORDO_DATA_DIR", data.dataDir().toString());
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      long t0 = System.nanoTime();
      int status = new org.coordo.server.cli.Cli(org.coordo.server.cli.Commands.standard(), env,
          new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err)
          .run("migrate-storage", "--to", "postgresql", "--config", work.resolve("node.json").toString());
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      String summary = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("migrated")).findFirst().orElse("(no summary)");
      log("migrate-storage exit %d in %.0f s: %s", status, loadSeconds, summary);
      if (status != 0) {
        throw new IllegalStateException("migrate-storage failed (exit " + status + ")");
      }
      rows.add(Row.info(name, "load: migrate-storage from RocksDB (s)", String.format("%.0f (%s)", loadSeconds, summary)));
      rows.add(Row.info(name, "database size after load, per event (bytes)",
          String.format("%.0f", (double) pg.databaseBytes(database) / data.events())));
      Map<String, String> nodeEnv = new java.util.HashMap<>(national());
      nodeEnv.putAll(pg.env(database));
      try (ChildNode node = ChildNode.start(s.jar(), s.javaOpts(), Files.createDirectories(work.resolve("data")), nodeEnv, true)) {
        rows.add(Row.info(name, "launch to first 200 on /health (ms)", String.format("%.0f", node.healthyMillis())));
        measure(node, rows);
        node.stop();
      }
      return rows;
    } finally {
      Cleanup.deleteTree(work);
    }
  }

  private static Map<String, String> national() {
    return Map.of("COORDO_ROLE", "national", "COORDO_NODE_NAME", "Coordination nationale",
        "COORDO_NATIONAL_GROUP", "national", "COORDO_NATIONAL_REANNOUNCE", "events-and-calls");
  }

  private void measure(ChildNode node, List<Row> rows) throws Exception {
    try (GetLoad load = new GetLoad(node.port(), Math.max(s.concurrency(), 32))) {
      measure(node, load, rows);
    }
  }

  private void measure(ChildNode node, GetLoad load, List<Row> rows) throws Exception {
    List<String> cursors = cursors(load, 100);
    rows.add(Row.info(name, "cursors collected for later pages (untimed)", String.valueOf(cursors.size())));
    LocalDate today = LocalDate.now(NodeTime.DEFAULT_ZONE);
    List<Query> queries = List.of(
        new Query("first", "GET /api/agenda (first page, 20 events)", "application/json", i -> "/api/agenda", true),
        new Query("first-gzip", "GET /api/agenda, Accept-Encoding: gzip", "application/json", i -> "/api/agenda", true,
            true),
        new Query("home", "GET / (national front page HTML, up to 150 events)", "text/html", i -> "/", true),
        new Query("city", "GET /api/agenda?city=C", "application/json", i -> "/api/agenda?city=" + city(i), true),
        new Query("category", "GET /api/agenda?category=K", "application/json",
            i -> "/api/agenda?category=" + category(i), true),
        new Query("city-category", "GET /api/agenda?city=C&category=K", "application/json",
            i -> "/api/agenda?city=" + city(i) + "&category=" + category(i), true),
        new Query("week", "GET /api/agenda?from=D&to=D+6 (a week, 1-10 months ahead)", "application/json", i -> {
          LocalDate from = today.plusDays(30 + rnd(i, 2).nextInt(270));
          return "/api/agenda?from=" + from + "&to=" + from.plusDays(6);
        }, true),
        new Query("cursor", "GET /api/agenda?cursor=X (pages 2-101)", "application/json",
            i -> cursors.isEmpty() ? "/api/agenda"
                : "/api/agenda?cursor=" + cursors.get(rnd(i, 3).nextInt(cursors.size())), true),
        new Query("ics", "GET /national/agenda.ics (50 events from 30 days ago)", "text/calendar",
            i -> "/national/agenda.ics", false),
        new Query("ics200", "GET /national/agenda.ics?limit=200", "text/calendar",
            i -> "/national/agenda.ics?limit=200", false),
        new Query("ics-city", "GET /national/agenda.ics?city=C", "text/calendar",
            i -> "/national/agenda.ics?city=" + city(i), false),
        new Query("rss", "GET /national/feed.rss (50 newest)", "application/rss+xml", i -> "/national/feed.rss",
            false),
        new Query("atom", "GET /national/feed.atom (50 newest)", "application/atom+xml", i -> "/national/feed.atom",
            false),
        new Query("health", "GET /health (the HTTP floor, for comparison)", "application/json", i -> "/health", false));
    queries = queries.stream().filter(q -> s.queries().contains(q.name())).toList();
    RssSampler rss = new RssSampler(node);
    rss.start();
    try {
      List<String> shapes = new ArrayList<>();
      for (Query q : queries) {
        var sample = load.get(q.paths().apply(0), q.accept(), q.gzip());
        if (sample.statusCode() != 200) {
          throw new IllegalStateException(q.label() + ": status " + sample.statusCode() + " for " + q.paths().apply(0));
        }
        String body = new String(sample.body(), StandardCharsets.UTF_8);
        if (!q.gzip() && q.accept().equals("application/json")) {
          checkAgendaPage(q.paths().apply(0), body);
        }
        shapes.add(q.gzip() ? String.format("%.1f KB gzipped", sample.body().length / 1024.0)
            : shape(body, sample.body().length));
      }
      // Warm every query before timing any (the JIT compiles the shared paths once, as on a node serving for days).
      for (Query q : queries) {
        load.run(q.paths(), q.accept(), q.gzip(), s.warmup(), s.concurrency());
      }
      for (int k = 0; k < queries.size(); k++) {
        Query q = queries.get(k);
        long cpu0 = node.cpuMillis();
        long wall0 = System.currentTimeMillis();
        GetLoad.Result r = load.run(q.paths(), q.accept(), q.gzip(), s.requests(), s.concurrency());
        double cpuPerRequest = (node.cpuMillis() - cpu0) / (double) s.requests();
        ChildNode.GcPauses gc = node.gcBetween(wall0, System.currentTimeMillis());
        log("%s: %s; p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d ok, %d failed, %.0f req/s, node CPU %.2f ms/req;"
            + " GC %d young + %d full pauses, %.0f ms in all (full %.0f ms)", q.label(), shapes.get(k), r.p50Millis(),
            r.p99Millis(), r.maxMillis(), r.ok(), r.failed(), r.ok() / r.seconds(), cpuPerRequest, gc.young(),
            gc.full(), gc.totalMillis(), gc.fullMillis());
        if (r.failed() > 0) {
          throw new IllegalStateException(q.label() + ": " + r.failed() + " failed, first: " + r.firstFailure());
        }
        String value = String.format("%.2f / %.2f (%s; node CPU %.2f ms/req; full GCs %d)", r.p50Millis(),
            r.p99Millis(), shapes.get(k), cpuPerRequest, gc.full());
        double target = pg == null ? PAGE_P99_MS : PG_PAGE_P99_MS;
        rows.add(q.page()
            ? new Row(name, q.label() + " p50 / p99 (ms)", value, "p99 <= " + (int) target,
                r.p99Millis() <= target ? "yes" : "NO")
            : Row.info(name, q.label() + " p50 / p99 (ms)", value));
      }
      if (s.rate() > 0) {
        // The same pages at a steady traffic below saturation: the latency a reader sees when the node, the
        // database and the load client do not queue for the same cores.
        for (Query q : queries) {
          if (!q.page()) {
            continue;
          }
          long cpu0 = node.cpuMillis();
          GetLoad.Result r = load.runAtRate(q.paths(), q.accept(), q.gzip(), s.requests(), s.rate());
          double cpuPerRequest = (node.cpuMillis() - cpu0) / (double) s.requests();
          log("%s at %d req/s (open loop): p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d ok, %d failed, node CPU %.2f ms/req",
              q.label(), s.rate(), r.p50Millis(), r.p99Millis(), r.maxMillis(), r.ok(), r.failed(), cpuPerRequest);
          if (r.failed() > 0) {
            throw new IllegalStateException(q.label() + ": " + r.failed() + " failed, first: " + r.firstFailure());
          }
          double target = pg == null ? PAGE_P99_MS : PG_PAGE_P99_MS;
          rows.add(new Row(name, q.label() + " at " + s.rate() + " req/s, open loop, p50 / p99 (ms)",
              String.format("%.2f / %.2f (max %.2f; node CPU %.2f ms/req)", r.p50Millis(), r.p99Millis(),
                  r.maxMillis(), cpuPerRequest), "p99 <= " + (int) target, r.p99Millis() <= target ? "yes" : "NO"));
        }
      }
    } finally {
      rss.stop();
    }
    rows.add(Row.info(name, "load: requests per query (timed / warm-up), in flight",
        s.requests() + " / " + s.warmup() + ", " + s.concurrency()));
    rows.add(Row.atMost(name, "RSS under query load, highest VmRSS sampled every 100 ms (MB)", rss.maxKb() / 1024.0,
        RSS_MB, "%.1f"));
    rows.add(Row.info(name, "VmHWM (peak RSS since launch) after the load (MB)", mb(node.statusKb("VmHWM"))));
  }

  /** Cursors of pages 2, 3, … of the unfiltered agenda (untimed; doubles as a warm-up). */
  private static List<String> cursors(GetLoad load, int pages) throws Exception {
    List<String> out = new ArrayList<>();
    String path = "/api/agenda";
    for (int i = 0; i < pages; i++) {
      var response = load.get(path, "application/json", false);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("status " + response.statusCode() + " for " + path);
      }
      Object next = new io.vertx.core.json.JsonObject(new String(response.body(), StandardCharsets.UTF_8))
          .getValue("next");
      if (!(next instanceof String cursor)) {
        break;
      }
      out.add(cursor);
      path = "/api/agenda?cursor=" + cursor;
    }
    return out;
  }

  private String city(int i) {
    return AgendaItems.cityKey(rnd(i, 0).nextInt(s.cities()));
  }

  private static String category(int i) {
    String c = AgendaItems.category(rnd(i, 1));
    return c == null ? "MEETING" : c;
  }

  private static SplittableRandom rnd(int i, int stream) {
    return new SplittableRandom(i * 31L + stream);
  }

  /**
   * A sample JSON page is what was asked: a full page, events by start time, of the city and category asked, from
   * today (or within the dates asked). Guards the figures against a filter that silently returns nothing or all.
   */
  private static void checkAgendaPage(String path, String body) {
    var items = new io.vertx.core.json.JsonObject(body).getJsonArray("items");
    if (items == null) {
      return; // not a listing (/health)
    }
    java.net.URI uri = java.net.URI.create("http://x" + path);
    Map<String, String> params = new java.util.HashMap<>();
    if (uri.getQuery() != null) {
      for (String kv : uri.getQuery().split("&")) {
        params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    if (items.size() != 20) {
      throw new IllegalStateException(path + ": expected a full page of 20 events, got " + items.size());
    }
    java.time.Instant from = params.containsKey("from")
        ? LocalDate.parse(params.get("from")).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant()
        : LocalDate.now(NodeTime.DEFAULT_ZONE).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    java.time.Instant to = params.containsKey("to")
        ? LocalDate.parse(params.get("to")).plusDays(1).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant() : null;
    java.time.Instant previous = java.time.Instant.MIN;
    for (int k = 0; k < items.size(); k++) {
      var item = items.getJsonObject(k);
      var event = item.getJsonObject("event");
      java.time.Instant start = java.time.OffsetDateTime.parse(event.getString("startTime")).toInstant();
      boolean ok = !start.isBefore(from) && (to == null || start.isBefore(to)) && !start.isBefore(previous)
          && (!params.containsKey("city") || params.get("city").equals(item.getString("city")))
          && (!params.containsKey("category") || params.get("category").equals(event.getString("category")));
      if (!ok) {
        throw new IllegalStateException(path + ": item " + k + " does not match the query: " + item.encode());
      }
      previous = start;
    }
  }

  /** What a sample response holds: items (JSON), events (iCalendar), items or entries (feeds), and size. */
  private static String shape(String body, int bytes) {
    String kb = String.format("%.1f KB", bytes / 1024.0);
    if (body.startsWith("{")) {
      var items = new io.vertx.core.json.JsonObject(body).getJsonArray("items");
      return items == null ? kb : items.size() + " items, " + kb;
    }
    if (body.startsWith("BEGIN:VCALENDAR")) {
      return count(body, "BEGIN:VEVENT") + " events, " + kb;
    }
    if (body.contains("<rss")) {
      return count(body, "<item>") + " items, " + kb;
    }
    if (body.contains("<feed")) {
      return count(body, "<entry>") + " entries, " + kb;
    }
    return kb;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      n++;
    }
    return n;
  }

  private static String mb(long kb) {
    return kb < 0 ? "n/a (no /proc)" : String.format("%.1f", kb / 1024.0);
  }

  private static void log(String format, Object... args) {
    System.err.printf("[agenda] " + format + "%n", args);
  }

  /** Reads the child's VmRSS every 100 ms and keeps the highest. */
  private static final class RssSampler {
    private final ChildNode node;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxKb = -1;

    RssSampler(ChildNode node) {
      this.node = node;
      this.thread = new Thread(this::loop, "rss-sampler");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    private void loop() {
      while (running) {
        try {
          maxKb = Math.max(maxKb, node.statusKb("VmRSS"));
          Thread.sleep(100); // the sampling period
        } catch (Exception e) {
          return;
        }
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(1000);
      maxKb = Math.max(maxKb, node.statusKb("VmRSS"));
    }

    long maxKb() {
      return maxKb;
    }
  }
}
