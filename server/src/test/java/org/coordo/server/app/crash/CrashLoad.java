package org.coordo.server.app.crash;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The traffic a node gets while it is killed again and again: an editor publishing calls through the
 * JSON API, and the followers' servers POSTing signed replies to the collective's inbox, each in its
 * own thread, one request after the other. A request is <em>acknowledged</em> when the node answered
 * it (201 for a publication, 202 for an inbox POST); a request cut by a kill is not, and is not
 * retried (the next one is new work).
 *
 * <p>Each run of the node is an {@link Incarnation} with its own HTTP client (no pooled connection
 * to a dead process). Before a kill the test {@linkplain #killing() marks} the current one; a thread
 * whose request then fails waits for the next one. A failure while nobody is killing the node, or
 * an unexpected status, is recorded in {@link #errors}.
 */
final class CrashLoad {
  /** One run of the node. */
  static final class Incarnation {
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicInteger acknowledged = new AtomicInteger();
    volatile boolean killed;
  }

  final List<String> publications = new CopyOnWriteArrayList<>();
  final List<String> replies = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  final AtomicInteger cut = new AtomicInteger();

  private final String base;
  private final String editorToken;
  private final List<FollowerHost> followers;
  private final Random random;
  private final List<Thread> threads = new ArrayList<>();
  private volatile CompletableFuture<Incarnation> current = new CompletableFuture<>();
  private volatile boolean stopping;

  CrashLoad(String base, String editorToken, List<FollowerHost> followers, long seed) {
    this.base = base;
    this.editorToken = editorToken;
    this.followers = followers;
    this.random = new Random(seed);
  }

  /** The node answers /health: let the threads send to it. */
  Incarnation up() {
    Incarnation run = new Incarnation();
    current.complete(run);
    return run;
  }

  /** The node is about to be killed: requests failing from now on were cut by the kill. */
  void killing() {
    Incarnation run = current.getNow(null);
    if (run != null) {
      run.killed = true;
    }
    current = new CompletableFuture<>();
  }

  void start() {
    threads.add(new Thread(this::publish, "crash-publisher"));
    threads.add(new Thread(this::reply, "crash-replier"));
    threads.forEach(Thread::start);
  }

  /** Stops sending (each thread finishes its request in flight) and waits for the threads. */
  void stop() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }
  }

  private void publish() {
    for (int n = 1; !stopping; n++) {
      JsonObject call = new JsonObject().put("title", "Appel n°" + n)
          .put("content", "Rassemblement n°" + n + " devant la mairie.").put("publish", true);
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/collectives/grenoble/calls"))
          .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + editorToken)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.encode())).build();
      send(request, 201, body -> publications.add(new JsonObject(body).getString("url")));
    }
  }

  private void reply() {
    for (int n = 1; !stopping; n++) {
      FollowerHost from = followers.get(n % followers.size());
      String target;
      synchronized (random) {
        target = publications.get(random.nextInt(publications.size()));
      }
      JsonObject activity = from.reply(n, target);
      HttpRequest request = from.signedPost(URI.create(base + "/actors/grenoble/inbox"), activity);
      send(request, 202, body -> replies.add(activity.getJsonObject("object").getString("id")));
    }
  }

  private interface OnAnswer {
    void accept(String body);
  }

  private void send(HttpRequest request, int expected, OnAnswer onAcknowledged) {
    Incarnation run = awaitRun();
    if (run == null) {
      return;
    }
    try {
      HttpResponse<String> answer = run.client.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == expected) {
        onAcknowledged.accept(answer.body());
        run.acknowledged.incrementAndGet();
      } else if (!run.killed) {
        errors.add(request.uri().getPath() + " answered " + answer.statusCode() + ": " + answer.body());
      }
    } catch (IOException e) {
      if (run.killed) {
        cut.incrementAndGet();
      } else {
        errors.add(request.uri().getPath() + " failed while the node ran: " + e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** The running node, waiting while it restarts; null once stopping. */
  private Incarnation awaitRun() {
    while (!stopping) {
      try {
        return current.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // still restarting: look at `stopping` again
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }
}
