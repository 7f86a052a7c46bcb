package org.coordo.server.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.server.app.TestNodes;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node in a child JVM, killed with SIGKILL at random moments while an editor publishes over
 * the JSON API and followers' servers POST signed replies to its inbox, and restarted on the same data
 * directory each time. Afterwards every acknowledged publication and reply is there, every activity
 * in the collective's outbox reached every follower's server at least once (duplicates are counted
 * and logged: delivery is at least once), and the delivery queue is empty soon after the last
 * restart: the jobs a killed run had claimed are sent at once, not after their 10-minute lease.
 *
 * <p>Randomness (when to kill, which publication a reply answers) comes from one seed, printed;
 * {@code -Dcoordo.crash.seed=N} replays a run.
 */
class CrashUnderLoadIT {
  static final int KILLS = 10;
  static final int FOLLOWERS = 3;
  /** Acknowledged requests a run gets, at most, before it is killed (0: killed as soon as it is up). */
  static final int MAX_WORK_PER_RUN = 24;
  /** Far below the 10-minute lease that jobs claimed by a killed run would otherwise wait for. */
  static final Duration DRAIN_DEADLINE = Duration.ofSeconds(45);

  @TempDir Path tmp;
  Vertx vertx;
  CrashNode node;
  final List<FollowerHost> followers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    if (node != null) {
      node.close();
    }
    followers.forEach(FollowerHost::close);
    if (vertx != null) {
      Await.result(vertx.close());
    }
  }

  @Test
  void everyAcknowledgedPublicationReplyAndDeliverySurvivesRepeatedKill9() throws Exception {
    long seed = Long.getLong("coordo.crash.seed", 20261205L);
    Random random = new Random(seed);
    System.out.println("[crash] seed " + seed + " (replay with -Dcoordo.crash.seed=" + seed + ")");
    long t0 = System.nanoTime();

    node = new CrashNode(tmp);
    cli("admin", "create-collective", "grenoble", "--display-name", "Grenoble");
    cli("admin", "create-user", "ed", "--role", "editor", "--collective", "grenoble");
    String token = cli("admin", "create-token", "--user", "ed", "--label", "crash test").strip();
    vertx = Vertx.vertx();
    for (int i = 0; i < FOLLOWERS; i++) {
      followers.add(new FollowerHost(vertx, Duration.ofMillis(40)));
    }
    node.start();
    trustNodeKeys("grenoble", "ed");
    String group = node.base + "/actors/grenoble";
    for (FollowerHost f : followers) { // followed for real: signed Follow, the node fetches the actor, Accepts
      assertEquals(202, TestNodes.send(f.signedPost(URI.create(group + "/inbox"), f.follow(group))).statusCode());
    }
    Await.until("every follower got its Accept", () -> followers.stream().allMatch(FollowerHost::receivedAccept),
        Duration.ofSeconds(30));

    System.out.printf("[crash] %5.1f s: set up, followed by %d servers%n", (System.nanoTime() - t0) / 1e9, FOLLOWERS);
    CrashLoad load = new CrashLoad(node.base, token, followers, random.nextLong());
    HttpResponse<String> first = api("POST", "/api/collectives/grenoble/calls", token,
        new JsonObject().put("title", "Appel n°0").put("content", "Premier appel.").put("publish", true));
    assertEquals(201, first.statusCode(), first.body());
    load.publications.add(new JsonObject(first.body()).getString("url"));
    CrashLoad.Incarnation run = load.up();
    load.start();

    int killedWithDeliveriesInFlight = 0;
    long childCpu = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      CrashLoad.Incarnation thisRun = run;
      int work = random.nextInt(MAX_WORK_PER_RUN + 1);
      Await.until("run " + kill + " to get " + work + " acknowledged requests",
          () -> thisRun.acknowledged.get() >= work, Duration.ofSeconds(60));
      if (kill == KILLS) { // the last one hits deliveries for sure: they are leased when the node dies
        Await.until("a delivery in flight", this::deliveryInFlight, Duration.ofSeconds(60));
      }
      boolean inFlight = deliveryInFlight();
      long runCpu = node.cpuMillis();
      load.killing();
      node.kill9();
      childCpu += runCpu;
      killedWithDeliveriesInFlight += inFlight ? 1 : 0;
      long killedAt = System.nanoTime();
      node.start();
      run = load.up();
      System.out.printf("[crash] %5.1f s: kill %d after %d acknowledged requests%s (run used %d ms of CPU);"
              + " up again in %d ms (%d ms of CPU)%n", (killedAt - t0) / 1e9, kill, thisRun.acknowledged.get(),
          inFlight ? ", deliveries in flight" : "", runCpu, (System.nanoTime() - killedAt) / 1_000_000,
          node.cpuMillis());
    }
    CrashLoad.Incarnation last = run;
    Await.until("some work on the last run", () -> last.acknowledged.get() >= 5, Duration.ofSeconds(60));
    load.stop();
    long restartedAt = System.nanoTime();
    JsonObject[] stats = {null};
    try {
      Await.until("the delivery queue to drain", () -> {
        stats[0] = new JsonObject(TestNodes.get(node.port, "/test/delivery").body());
        return stats[0].getLong("queued") == 0 && stats[0].getInteger("inFlight") == 0 && stats[0].getInteger("held") == 0;
      }, DRAIN_DEADLINE);
    } catch (AssertionError e) {
      throw new AssertionError("deliveries still queued " + DRAIN_DEADLINE.toSeconds() + " s after the last restart: "
          + stats[0] + " (jobs a killed run had claimed, waiting for their lease?)", e);
    }
    long drainMillis = (System.nanoTime() - restartedAt) / 1_000_000;

    assertEquals(List.of(), load.errors, "requests failed while the node was up");
    assertTrue(killedWithDeliveriesInFlight >= 1);

    // Every acknowledged publication is there, and in the collective's outbox with its Create.
    for (String url : load.publications) {
      HttpResponse<String> doc = TestNodes.send(HttpRequest.newBuilder(URI.create(url))
          .header("Accept", "application/activity+json").build());
      assertEquals(200, doc.statusCode(), "acknowledged publication " + url + " lost");
    }
    Map<String, String> outbox = outboxCreatesAndAnnounces(group);
    Set<String> created = new HashSet<>(outbox.values());
    for (String url : load.publications) {
      assertTrue(created.contains(url), "no Create of acknowledged publication " + url + " in the outbox");
    }
    // Every acknowledged reply is there (pending moderation).
    Set<String> stored = moderationQueue(token);
    for (String reply : load.replies) {
      assertTrue(stored.contains(reply), "acknowledged reply " + reply + " lost");
    }
    // Every Create and Announce of the outbox reached every follower's server (jobs are on disk with their
    // activity, and none was dropped); count the duplicates.
    int received = 0;
    int duplicates = 0;
    for (FollowerHost f : followers) {
      List<SinkServer.Received> got = f.publications();
      Set<String> missing = new TreeSet<>(outbox.keySet());
      missing.removeAll(f.publicationIds());
      assertTrue(missing.isEmpty(), missing.size() + " of " + outbox.size() + " activities never delivered to "
          + f.sink.host() + ", e.g. " + missing.stream().limit(3).toList());
      assertTrue(got.stream().allMatch(SinkServer.Received::signatureValid), "every delivery signed by the node");
      received += got.size();
      duplicates += got.size() - f.publicationIds().size();
    }
    childCpu += node.cpuMillis();
    assertEquals(0, node.stop(), "the last run stops cleanly");
    long testCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;

    System.out.printf("[crash] seed %d: %d kills (%d with deliveries in flight), %d requests cut;"
            + " %d publications acknowledged (%d in the outbox), %d replies acknowledged (%d stored);"
            + " %d activities x %d followers: %d deliveries received, %d duplicates;"
            + " queue empty %d ms after the last restart; %.1f s in all, CPU %.1f s (nodes) + %.1f s (test JVM)%n",
        seed, KILLS, killedWithDeliveriesInFlight, load.cut.get(), load.publications.size(), created.size(),
        load.replies.size(), stored.size(), outbox.size(), FOLLOWERS, received, duplicates, drainMillis,
        (System.nanoTime() - t0) / 1e9, childCpu / 1e3, testCpu / 1e3);
  }

  private boolean deliveryInFlight() {
    return followers.stream().anyMatch(f -> f.sink.inFlight() > 0);
  }

  /** Runs the command line in this JVM (the node is stopped: it opens the data directory); its output. */
  private String cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", node.configFile().toString()));
    TestNodes.emptyConfigFile(tmp);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Cli(Commands.standard(), node.env(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> api(String method, String path, String token, JsonObject body) {
    return TestNodes.send(HttpRequest.newBuilder(URI.create(node.base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build());
  }

  private JsonObject activityJson(String url) {
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/activity+json").build());
    assertEquals(200, r.statusCode(), url);
    return new JsonObject(r.body());
  }

  /** The followers' servers check deliveries against the keys of the node's actors. */
  private void trustNodeKeys(String... actors) {
    for (String name : actors) {
      JsonObject key = activityJson(node.base + "/actors/" + name).getJsonObject("publicKey");
      followers.forEach(f -> f.sink.trust(key.getString("id"), ActorKeys.publicKeyFromPem(key.getString("publicKeyPem"))));
    }
  }

  /** Create and Announce activities of the actor's outbox: id → the publication they carry. */
  private Map<String, String> outboxCreatesAndAnnounces(String actor) {
    Map<String, String> out = new HashMap<>();
    String page = actor + "/outbox?page=true";
    while (page != null) {
      JsonObject json = activityJson(page);
      for (Object o : json.getJsonArray("orderedItems", new JsonArray())) {
        JsonObject a = (JsonObject) o;
        String type = a.getString("type");
        if (type.equals("Create") || type.equals("Announce")) {
          out.put(a.getString("id"), publicationOf(a.getValue("object")));
        }
      }
      page = json.getString("next");
    }
    return out;
  }

  /** The publication an activity's object is or wraps (an Announce may carry the Create). */
  private static String publicationOf(Object object) {
    if (object instanceof JsonObject o) {
      return o.getString("type").equals("Create") ? publicationOf(o.getValue("object")) : o.getString("id");
    }
    return String.valueOf(object);
  }

  /** The ids of the replies waiting in the collective's moderation queue. */
  private Set<String> moderationQueue(String token) {
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      HttpResponse<String> r = api("GET", "/api/collectives/grenoble/moderation/replies?limit=100"
          + (cursor == null ? "" : "&cursor=" + cursor), token, null);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject page = new JsonObject(r.body());
      page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      cursor = page.getString("next");
    } while (cursor != null);
    return ids;
  }
}
