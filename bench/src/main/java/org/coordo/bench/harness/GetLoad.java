package org.coordo.bench.harness;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop GETs to a node on 127.0.0.1 from one Vert.x event loop (a light client, so that on a small machine
 * the node, not the harness, gets the cores): {@code concurrency} lanes, each sending its next request when the
 * previous response has been read whole, until {@code requests} have been sent. The path of request {@code i} is
 * {@code paths.apply(i)}. Latency from send to the end of the body, in microseconds.
 */
final class GetLoad implements AutoCloseable {

  /** What one run produced. */
  record Result(Histogram micros, long ok, long failed, String firstFailure, long bytes, double seconds) {
    double p50Millis() {
      return micros.getValueAtPercentile(50) / 1000.0;
    }

    double p99Millis() {
      return micros.getValueAtPercentile(99) / 1000.0;
    }

    double maxMillis() {
      return micros.getMaxValue() / 1000.0;
    }
  }

  /** One untimed response. */
  record Response(int statusCode, byte[] body) {}

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  private final HttpClient client;
  private final int port;

  /** @param maxConnections keep-alive connections at most (the highest concurrency used) */
  GetLoad(int port, int maxConnections) {
    this.port = port;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  /** One request, untimed. */
  Response get(String path, String accept, boolean gzip) {
    return Await.result(send(path, accept, gzip), 120);
  }

  /** @param gzip whether to ask for a gzip body ({@code Accept-Encoding: gzip}, as browsers and feed readers do) */
  Result run(IntFunction<String> paths, String accept, boolean gzip, int requests, int concurrency) {
    Tally tally = new Tally();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger lanesLeft = new AtomicInteger(concurrency);
    Promise<Void> done = Promise.promise();
    long t0 = System.nanoTime();
    Runnable[] lane = new Runnable[1];
    lane[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= requests) {
        if (lanesLeft.decrementAndGet() == 0) {
          done.tryComplete();
        }
        return;
      }
      String path = paths.apply(i);
      long start = System.nanoTime();
      send(path, accept, gzip).onComplete(ar -> {
        tally.record(start, ar, path);
        lane[0].run();
      });
    };
    vertx.runOnContext(v -> {
      for (int l = 0; l < concurrency; l++) {
        lane[0].run();
      }
    });
    Await.result(done.future(), 3600);
    return tally.result(t0);
  }

  /**
   * Open loop: request {@code i} is due at {@code t0 + i / ratePerSecond}, sent then whatever the earlier ones do
   * (over at most {@code maxConnections} connections; beyond, it waits in the client's pool), and its latency counts
   * from when it was due, not when it left, so that a stall shows in the latency of every request it delayed
   * (no coordinated omission). It shows the latency a page has at a given traffic, below saturation.
   */
  Result runAtRate(IntFunction<String> paths, String accept, boolean gzip, int requests, int ratePerSecond) {
    Tally tally = new Tally();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    long t0 = System.nanoTime();
    double nanosPerRequest = 1e9 / ratePerSecond;
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> {
      long now = System.nanoTime();
      while (next.get() < requests && t0 + (long) (next.get() * nanosPerRequest) <= now) {
        int i = next.getAndIncrement();
        long due = t0 + (long) (i * nanosPerRequest);
        String path = paths.apply(i);
        send(path, accept, gzip).onComplete(ar -> {
          tally.record(due, ar, path);
          if (finished.incrementAndGet() == requests) {
            done.tryComplete();
          }
        });
      }
      if (next.get() < requests) {
        long wait = t0 + (long) (next.get() * nanosPerRequest) - System.nanoTime();
        vertx.setTimer(Math.max(1, wait / 1_000_000), id -> tick[0].run());
      }
    };
    vertx.runOnContext(v -> tick[0].run());
    Await.result(done.future(), 3600);
    return tally.result(t0);
  }

  /** The latencies and outcomes of one run. */
  private static final class Tally {
    final Histogram micros = new ConcurrentHistogram(60_000_000L, 3);
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** One response (or failure) to a request timed from {@code startNanos}. */
    void record(long startNanos, AsyncResult<Response> ar, String path) {
      micros.recordValue(Math.min((System.nanoTime() - startNanos) / 1000, 60_000_000L));
      if (ar.succeeded() && ar.result().statusCode() == 200) {
        ok.incrementAndGet();
        bytes.addAndGet(ar.result().body().length);
      } else {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, (ar.succeeded() ? "status " + ar.result().statusCode() : ar.cause())
            + " on " + path);
      }
    }

    Result result(long t0) {
      return new Result(micros, ok.get(), failed.get(), firstFailure.get(), bytes.get(), (System.nanoTime() - t0) / 1e9);
    }
  }

  private Future<Response> send(String path, String accept, boolean gzip) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("Accept", accept).setIdleTimeout(60_000);
    if (gzip) {
      options.putHeader("Accept-Encoding", "gzip");
    }
    return client.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map((Buffer b) -> new Response(resp.statusCode(), b.getBytes())));
  }

  @Override
  public void close() {
    Await.result(client.close().eventually(vertx::close), 30);
  }
}
