package org.coordo.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.coordo.federation.sig.HttpDates;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.vocab.As;

/**
 * Sends one signed POST of an activity to an inbox and reports the HTTP status (or the transport
 * error). Signing (RSA) runs on the worker executor, with a fresh {@code Date}; the request itself is
 * non-blocking. When the URL guard resolved the inbox's host, the connection goes to that checked
 * address (no second DNS answer can swap in a private one). The answer's body is read and discarded.
 * Timeouts: connect, idle (no byte for {@code readTimeout}), and a total of connect + 2 × read. Not
 * final only so that tests can watch {@link #sign}.
 */
public class DeliverySender implements AutoCloseable {

  /**
   * What happened: an HTTP status, or {@code status == 0} and an error (connect refused, timeout…).
   *
   * @param retryAfter the server's {@code Retry-After} (on 429/503), or null
   * @param acceptSignature the server's {@code Accept-Signature} (an RFC 9421 challenge, on 401), or null
   */
  public record Attempt(int status, String error, Duration retryAfter, String acceptSignature) {
    public static Attempt of(int status) {
      return new Attempt(status, null, null, null);
    }

    public static Attempt failed(String error) {
      return new Attempt(0, error, null, null);
    }

    public boolean succeeded() {
      return status >= 200 && status < 300;
    }

    /** 410 Gone and every 4xx but 408 (timeout) and 429 (rate limited): the job is dropped. */
    public boolean isFinal() {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    @Override
    public String toString() {
      return status == 0 ? "error: " + error : String.valueOf(status);
    }
  }

  static final String ACCEPT = As.MEDIA_TYPE + ", " + As.LD_CONTENT_TYPE;

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final HttpClient client;
  private final Map<String, String> sent;

  /** With the system clock (for {@code Retry-After} dates). */
  public DeliverySender(Vertx vertx, WorkerExecutor worker, DeliveryPolicy policy) {
    this(vertx, worker, policy, Clock.systemUTC());
  }

  public DeliverySender(Vertx vertx, WorkerExecutor worker, DeliveryPolicy policy, Clock clock) {
    this.vertx = vertx;
    this.worker = worker;
    this.policy = policy;
    this.clock = clock;
    this.sent = Map.of("Content-Type", As.MEDIA_TYPE, "Accept", ACCEPT, "User-Agent", policy.userAgent());
    this.client = vertx.createHttpClient(
        new HttpClientOptions()
            .setConnectTimeout((int) policy.connectTimeout().toMillis())
            .setKeepAlive(true)
            .setMaxRedirects(0),
        new PoolOptions().setHttp1MaxSize(policy.perHostConcurrency()));
  }

  /** {@link #send(URI, InetAddress, byte[], RequestSigner)} resolving the host itself. */
  public Future<Attempt> send(URI inbox, byte[] body, RequestSigner signer) {
    return send(inbox, null, body, signer);
  }

  /**
   * Signs and POSTs {@code body} to {@code inbox}, connecting to {@code address} when given. Never
   * fails: errors come back as an {@link Attempt}.
   */
  public Future<Attempt> send(URI inbox, InetAddress address, byte[] body, RequestSigner signer) {
    return sign(inbox, body, signer).compose(headers -> post(inbox, address, body, headers))
        .recover(err -> Future.succeededFuture(Attempt.failed(describe(err))));
  }

  /**
   * The signature headers of a POST of {@code body} to {@code inbox}, with a fresh {@code Date}, made on the
   * worker executor (RSA).
   */
  public Future<Map<String, String>> sign(URI inbox, byte[] body, RequestSigner signer) {
    return sign(() -> signer.sign("POST", inbox, body));
  }

  /** Runs one signing (RSA) on the worker executor. */
  public Future<Map<String, String>> sign(Callable<Map<String, String>> signing) {
    return worker.executeBlocking(signing, false);
  }

  /** The header fields every POST carries besides the signature's (a challenge may ask to cover them). */
  public Map<String, String> sentHeaders() {
    return sent;
  }

  /**
   * POSTs {@code body} with the headers {@link #sign} made, connecting to {@code address} when given. Never
   * fails: errors come back as an {@link Attempt}.
   */
  public Future<Attempt> post(URI inbox, InetAddress address, byte[] body, Map<String, String> signed) {
    Future<Attempt> attempt;
    try {
      attempt = postOnce(inbox, address, body, signed);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.recover(err -> Future.succeededFuture(Attempt.failed(describe(err))));
  }

  private Future<Attempt> postOnce(URI inbox, InetAddress address, byte[] body, Map<String, String> signed) {
    boolean https = "https".equalsIgnoreCase(inbox.getScheme());
    int port = inbox.getPort() != -1 ? inbox.getPort() : (https ? 443 : 80);
    String host = inbox.getHost().startsWith("[") ? inbox.getHost().substring(1, inbox.getHost().length() - 1)
        : inbox.getHost();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(host)
        .setPort(port)
        .setSsl(https)
        .setURI(pathAndQuery(inbox))
        .setConnectTimeout(policy.connectTimeout().toMillis())
        .setIdleTimeout(policy.readTimeout().toMillis())
        .setFollowRedirects(false);
    sent.forEach(options::putHeader);
    if (address != null) {
      options.setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
    }
    signed.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Host")) { // Vert.x writes the same authority itself
        options.putHeader(name, value);
      }
    });
    Promise<Attempt> result = Promise.promise();
    HttpClientRequest[] current = new HttpClientRequest[1];
    long total = policy.connectTimeout().plus(policy.readTimeout().multipliedBy(2)).toMillis();
    long timer = vertx.setTimer(total, id -> {
      if (result.tryFail(new TimeoutException("no complete answer within " + total + " ms")) && current[0] != null) {
        current[0].reset(0);
      }
    });
    client
        .request(options)
        .compose(request -> {
          current[0] = request;
          return request.send(Buffer.buffer(body));
        })
        .compose(this::readAnswer)
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            result.tryComplete(ar.result());
          } else {
            result.tryFail(ar.cause());
          }
        });
    return result.future();
  }

  private Future<Attempt> readAnswer(HttpClientResponse response) {
    int status = response.statusCode();
    Attempt attempt = new Attempt(status, null, retryAfter(response.getHeader("Retry-After")),
        status == 401 ? response.getHeader("Accept-Signature") : null);
    response.handler(chunk -> {});
    return response.end().map(v -> attempt).recover(err -> Future.succeededFuture(attempt));
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent, malformed or in the past. */
  Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(clock.instant(), HttpDates.parse(value.trim()));
        return d.isNegative() || d.isZero() ? null : d;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static String describe(Throwable err) {
    String message = err.getMessage();
    return err.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    client.close();
  }
}
