package org.coordo.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends pre-built POSTs to 127.0.0.1 with a fixed number of requests in flight (closed loop: each lane sends
 * its next request when the previous one is answered) until the list is exhausted or the deadline passes.
 * Latency is measured from sending to the end of the response body, in microseconds.
 */
final class LoadDriver {

  /** A request signed before the timed part. */
  record Prepared(String activityId, MultiMap headers, Buffer body) {}

  /** What one run produced. */
  static final class Outcome {
    final Histogram latencyMicros = new ConcurrentHistogram(60_000_000L, 3);
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final ConcurrentHashMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    /** Activity ids answered 202. */
    final java.util.Queue<String> acceptedIds = new java.util.concurrent.ConcurrentLinkedQueue<>();
    long elapsedNanos;
    int sent;
    String firstError;
  }

  private final HttpClient client;
  private final int port;
  private final String path;

  LoadDriver(HttpClient client, int port, String path) {
    this.client = client;
    this.port = port;
    this.path = path;
  }

  /**
   * @param requests what to send, in order
   * @param from index of the first request to send
   * @param to index after the last one
   * @param concurrency requests in flight
   * @param deadlineNanos {@link System#nanoTime()} after which no new request is sent
   */
  Outcome run(List<Prepared> requests, int from, int to, int concurrency, long deadlineNanos) {
    Outcome out = new Outcome();
    AtomicInteger next = new AtomicInteger(from);
    AtomicInteger lanesLeft = new AtomicInteger(concurrency);
    Promise<Void> done = Promise.promise();
    long start = System.nanoTime();
    for (int lane = 0; lane < concurrency; lane++) {
      sendNext(requests, next, to, deadlineNanos, out, () -> {
        if (lanesLeft.decrementAndGet() == 0) {
          done.tryComplete();
        }
      });
    }
    Await.result(done.future(), 600);
    out.elapsedNanos = System.nanoTime() - start;
    out.sent = Math.min(next.get(), to) - from;
    return out;
  }

  private void sendNext(List<Prepared> requests, AtomicInteger next, int to, long deadline, Outcome out,
      Runnable laneDone) {
    if (System.nanoTime() > deadline) {
      laneDone.run();
      return;
    }
    int i = next.getAndIncrement();
    if (i >= to) {
      laneDone.run();
      return;
    }
    Prepared p = requests.get(i);
    long t0 = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).setHeaders(p.headers()).setIdleTimeout(30_000);
    Future<Integer> status = client.request(options)
        .compose(req -> req.send(p.body()))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
    status.onComplete(ar -> {
      out.latencyMicros.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
      if (ar.succeeded()) {
        out.statuses.computeIfAbsent(ar.result(), k -> new AtomicLong()).incrementAndGet();
        if (ar.result() == 202) {
          out.accepted.incrementAndGet();
          out.acceptedIds.add(p.activityId());
        }
      } else {
        out.errors.incrementAndGet();
        if (out.firstError == null) {
          out.firstError = String.valueOf(ar.cause());
        }
      }
      sendNext(requests, next, to, deadline, out, laneDone);
    });
  }
}
