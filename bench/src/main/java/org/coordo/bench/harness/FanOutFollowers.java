package org.coordo.bench.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.storage.Durability;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * The two ways the fan-out scenario gives the collective its followers: {@link #seed} writes accepted followers
 * straight into the node's store through federation's {@link FollowRepository} before the node starts (what the
 * inbox would have stored for their {@code Follow}s: the inbox and shared inbox of each follower's actor document),
 * or {@link #follow} has every follower send a signed {@code Follow} to the running node, which auto-accepts, and
 * waits until every {@code Accept} has reached its sink.
 */
final class FanOutFollowers {
  private FanOutFollowers() {}

  /** Seeds {@code followers} as accepted followers of {@code localName}; the node must not be running. */
  static void seed(LocalNode node, String localName, List<FanOutHosts.Follower> followers) {
    Instant at = Instant.now();
    try (RocksKvStore store = node.reopenStore()) {
      FollowRepository follows = new FollowRepository(store);
      int batch = 1000;
      for (int from = 0; from < followers.size(); from += batch) {
        List<FanOutHosts.Follower> part = followers.subList(from, Math.min(followers.size(), from + batch));
        int offset = from;
        follows.write(b -> {
          for (int k = 0; k < part.size(); k++) {
            FanOutHosts.Follower f = part.get(k);
            follows.putFollower(b, new Follower(localName, f.actorId(), FollowState.ACCEPTED,
                f.actorId() + "/follows/" + localName, at.plusMillis(offset + k), f.inbox(), f.sharedInbox()));
          }
        }, Durability.SYNC);
      }
    }
  }

  /**
   * Every follower POSTs a signed {@code Follow} of {@code group} to its inbox ({@code concurrency} in flight);
   * returns once every one was answered 202 and {@code followers} Accepts have arrived at the sinks, then resets
   * the sink.
   */
  static void follow(Vertx vertx, LocalNode node, FanOutHosts hosts, Sink sink, String localName, int concurrency) {
    String group = node.base + "/actors/" + localName;
    URI inbox = URI.create(group + "/inbox");
    Clock clock = Clock.systemUTC();
    List<LoadDriver.Prepared> follows = new ArrayList<>();
    for (FanOutHosts.Follower f : hosts.followers()) {
      String id = f.actorId() + "/follows/" + localName;
      byte[] body = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id)
          .put("type", "Follow").put("actor", f.actorId().toString()).put("object", group).encode()
          .getBytes(StandardCharsets.UTF_8);
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/activity+json");
      new CavageSigner(hosts.keyId(f.host(), f.index()), hosts.keyOf(f.host(), f.index()).getPrivate(), clock)
          .sign("POST", inbox, body)
          .forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
              headers.add(name, value);
            }
          });
      follows.add(new LoadDriver.Prepared(id, headers, Buffer.buffer(body)));
    }
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(concurrency));
    try {
      LoadDriver.Outcome sent = new LoadDriver(client, node.port, "/actors/" + localName + "/inbox")
          .run(follows, 0, follows.size(), concurrency, System.nanoTime() + 600_000_000_000L);
      if (sent.accepted.get() != follows.size()) {
        throw new IllegalStateException("follows accepted " + sent.accepted.get() + " of " + follows.size()
            + ", statuses " + sent.statuses + ", first error " + sent.firstError);
      }
    } finally {
      client.close();
    }
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (sink.received.get() < follows.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + sink.received.get() + " Accepts of " + follows.size() + " delivered");
      }
      sleep(50); // polling interval of a deadline-bound wait
    }
    sleep(1000); // a late duplicate Accept must not count as a delivery of the publication
    sink.reset();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
