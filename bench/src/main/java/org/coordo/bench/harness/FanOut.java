package org.coordo.bench.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.server.app.Modules;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.PasswordHasher;
import org.coordo.server.service.account.UserService;

/**
 * Fan-out: a collective with {@code followers} followers spread over {@code hosts} remote hosts (each a server
 * on its own 127.0.0.1 port, with a shared inbox) publishes one event; the figure is the time from the publish
 * request until the last delivery reached a sink, which acknowledges at once with 202.
 *
 * <ol>
 *   <li>followers send signed {@code Follow}s to the collective's inbox; the node auto-accepts, and the
 *       scenario waits until every {@code Accept} has been delivered (so the delivery queue is empty);
 *   <li>an editor publishes an event through the JSON API ({@code POST /api/collectives/bench/events});
 *   <li>the sinks record every delivery that names the event and verify one signature in {@code sampleEvery};
 *       the scenario ends when every host got the event and nothing new arrived for 3 s.
 * </ol>
 * The node runs with production delivery timings ({@code Modules(hashing, fastDelivery=false, pages=false)}).
 */
final class FanOut {
  static final String NAME = "fan-out";
  private static final long QUIET_NANOS = 3_000_000_000L;

  record Settings(int followers, int hosts, int keys, int sampleEvery) {}

  private final Settings s;

  FanOut(Settings settings) {
    this.s = settings;
  }

  List<Row> run() throws Exception {
    int perHost = Math.max(1, s.followers() / s.hosts());
    int followers = perHost * s.hosts();
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < s.keys(); i++) {
      keys.add(ActorKeys.generate());
    }
    Vertx remoteVertx = Vertx.vertx();
    Sink sink = new Sink(remoteVertx, s.sampleEvery());
    List<FakeRemote> hosts = new ArrayList<>();
    try (LocalNode node = new LocalNode()) {
      for (int h = 0; h < s.hosts(); h++) {
        FakeRemote[] self = new FakeRemote[1];
        FakeRemote remote = new FakeRemote(remoteVertx, keys, perHost, sink.forOrigin(() -> self[0].origin()));
        self[0] = remote;
        hosts.add(Await.result(remote.start()));
      }
      Modules modules = new Modules(PasswordHasher.DEFAULT, false, false);
      node.start(modules.list());
      Await.result(modules.accounts.accounts().collectives().create("bench", "Bench", "Fan-out benchmark", false));
      String group = node.base + "/actors/bench";
      log("node on %s, %d hosts with %d followers each", node.base, s.hosts(), perHost);

      long t = System.nanoTime();
      List<LoadDriver.Prepared> follows = signFollows(hosts, perHost, URI.create(group + "/inbox"), group);
      HttpClient client = remoteVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(16));
      LoadDriver.Outcome sent = new LoadDriver(client, node.port, "/actors/bench/inbox")
          .run(follows, 0, follows.size(), 16, System.nanoTime() + 300_000_000_000L);
      if (sent.accepted.get() != followers) {
        throw new IllegalStateException("follows accepted " + sent.accepted.get() + " of " + followers + ", statuses "
            + sent.statuses + ", first error " + sent.firstError);
      }
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (countType(sink, "Accept") < followers) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + countType(sink, "Accept") + " Accepts of " + followers + " delivered");
        }
        Thread.sleep(50); // polling interval of a deadline-bound wait
      }
      log("%d follows accepted and their Accepts delivered in %.1f s", followers, (System.nanoTime() - t) / 1e9);

      Await.result(modules.accounts.accounts().users().create(
          new UserService.NewUser("editor", "Editor", "bench-editor-password"), false, Map.of("bench", Role.EDITOR)));
      String token = Await.result(modules.accounts.accounts().sessions().createToken("editor", "bench")).token();
      JsonObject event = new JsonObject().put("title", "Manif climat").put("timezone", "Europe/Paris")
          .put("startTime", "2030-03-16T14:00").put("content", "Manifestation pour le climat.")
          .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Grenoble"))
          .put("publish", true);
      HttpRequest post = HttpRequest.newBuilder(URI.create(node.base + "/api/collectives/bench/events"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofString(event.encode())).build();
      long t0 = System.nanoTime();
      HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(post,
          HttpResponse.BodyHandlers.ofString());
      long publishedNanos = System.nanoTime() - t0;
      if (created.statusCode() != 201) {
        throw new IllegalStateException("publishing answered " + created.statusCode() + ": " + created.body());
      }
      String url = new JsonObject(created.body()).getString("url");

      deadline = System.nanoTime() + 180_000_000_000L;
      long lastChange = System.nanoTime();
      int lastCount = 0;
      while (true) {
        List<Sink.Arrival> about = about(sink, url);
        Set<String> reached = new HashSet<>();
        about.forEach(a -> reached.add(a.origin()));
        if (about.size() != lastCount) {
          lastCount = about.size();
          lastChange = System.nanoTime();
        }
        if (reached.size() == s.hosts() && System.nanoTime() - lastChange > QUIET_NANOS) {
          break;
        }
        if (System.nanoTime() > deadline) {
          log("deadline: %d hosts of %d reached", reached.size(), s.hosts());
          break;
        }
        Thread.sleep(20); // polling interval of a deadline-bound wait
      }
      List<Sink.Arrival> about = about(sink, url);
      Map<String, Integer> byType = new HashMap<>();
      Set<String> reached = new HashSet<>();
      long first = Long.MAX_VALUE;
      long last = 0;
      for (Sink.Arrival a : about) {
        byType.merge(a.type(), 1, Integer::sum);
        reached.add(a.origin());
        first = Math.min(first, a.nanos());
        last = Math.max(last, a.nanos());
      }
      Thread.sleep(500); // lets the last sampled verifications finish (they are counted, not awaited)
      client.close();
      List<Row> rows = new ArrayList<>();
      rows.add(Row.info(NAME, "setup", followers + " followers on " + s.hosts() + " hosts (shared inboxes), "
          + s.keys() + " keys"));
      rows.add(Row.info(NAME, "publish request answered 201 (ms)", String.format("%.0f", publishedNanos / 1e6)));
      rows.add(Row.info(NAME, "hosts reached", reached.size() + " / " + s.hosts()));
      rows.add(Row.info(NAME, "deliveries naming the event, by type", String.valueOf(byType)));
      rows.add(Row.info(NAME, "publish to first delivery (ms)",
          about.isEmpty() ? "-" : String.format("%.0f", (first - t0) / 1e6)));
      rows.add(Row.info(NAME, "publish to last delivery acknowledged (ms)",
          about.isEmpty() ? "-" : String.format("%.0f", (last - t0) / 1e6)));
      rows.add(Row.atMost(NAME, "sampled signatures failing (1 delivery in " + s.sampleEvery() + ", Accepts too; "
          + sink.verified.get() + " ok)", sink.verifyFailed.get(), 0, "%.0f"));
      if (!sink.failures.isEmpty()) {
        log("signature failures, first ones: %s", sink.failures);
      }
      return rows;
    } finally {
      hosts.forEach(FakeRemote::close);
      Await.result(remoteVertx.close());
    }
  }

  private static long countType(Sink sink, String type) {
    return sink.arrivals.stream().filter(a -> type.equals(a.type())).count();
  }

  private static List<Sink.Arrival> about(Sink sink, String url) {
    return sink.arrivals.stream().filter(a -> a.body().contains(url)).toList();
  }

  private List<LoadDriver.Prepared> signFollows(List<FakeRemote> hosts, int perHost, URI inbox, String group) {
    Clock clock = Clock.systemUTC();
    List<LoadDriver.Prepared> out = new ArrayList<>();
    for (FakeRemote host : hosts) {
      for (int i = 0; i < perHost; i++) {
        String actor = host.actorId(i);
        String id = actor + "/follows/bench";
        byte[] body = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id)
            .put("type", "Follow").put("actor", actor).put("object", group).encode().getBytes(StandardCharsets.UTF_8);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/activity+json");
        new CavageSigner(host.keyId(i), host.keyOf(i).getPrivate(), clock).sign("POST", inbox, body)
            .forEach((name, value) -> {
              if (!name.equalsIgnoreCase("Host")) {
                headers.add(name, value);
              }
            });
        out.add(new LoadDriver.Prepared(id, headers, Buffer.buffer(body)));
      }
    }
    return out;
  }

  static void log(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = NAME;
    System.arraycopy(args, 0, all, 1, args.length);
    System.out.printf("[%s] " + format + "%n", all);
  }
}
