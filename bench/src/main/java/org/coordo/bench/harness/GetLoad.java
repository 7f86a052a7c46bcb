package org.coordo.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop GETs to a node on 127.0.0.1: {@code concurrency} threads, each sending its next request when the
 * previous response has been read whole, until {@code requests} have been sent. The path of request {@code i} is
 * {@code paths.apply(i)}. Latency from send to the last byte of the body, in microseconds.
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

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  /** @param base {@code http://127.0.0.1:port} */
  GetLoad(String base) {
    this.base = base;
  }

  /** One request, untimed: status and body (200 expected by callers). */
  HttpResponse<byte[]> get(String path, String accept, boolean gzip) throws IOException, InterruptedException {
    return http.send(request(path, accept, gzip), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** @param gzip whether to ask for a gzip body ({@code Accept-Encoding: gzip}, as browsers and feed readers do) */
  Result run(IntFunction<String> paths, String accept, boolean gzip, int requests, int concurrency) throws Exception {
    Histogram micros = new ConcurrentHistogram(60_000_000L, 3);
    AtomicInteger next = new AtomicInteger();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    ExecutorService lanes = Executors.newFixedThreadPool(concurrency);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < concurrency; lane++) {
        running.add(lanes.submit(() -> {
          for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
            HttpRequest request = request(paths.apply(i), accept, gzip);
            long start = System.nanoTime();
            try {
              HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
              micros.recordValue(Math.min((System.nanoTime() - start) / 1000, 60_000_000L));
              bytes.addAndGet(response.body().length);
              if (response.statusCode() == 200) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, response.statusCode() + " on " + request.uri());
              }
            } catch (IOException e) {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, e + " on " + request.uri());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      lanes.shutdownNow();
    }
    return new Result(micros, ok.get(), failed.get(), firstFailure.get(), bytes.get(), (System.nanoTime() - t0) / 1e9);
  }

  private HttpRequest request(String path, String accept, boolean gzip) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", accept);
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    return b.GET().build();
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() before Java 21: its connections go with the client
  }
}
