package org.coordo.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.vocab.As;

/**
 * Sends one signed POST of an activity to an inbox and reports the HTTP status (or the transport
 * error). Signing (RSA) runs on the worker executor, with a fresh {@code Date}; the request itself is
 * non-blocking. The answer's body is read and discarded.
 */
public final class DeliverySender implements AutoCloseable {

  /** What happened: an HTTP status, or {@code status == 0} and an error (connect refused, timeout…). */
  public record Attempt(int status, String error) {
    public static Attempt of(int status) {
      return new Attempt(status, null);
    }

    public static Attempt failed(String error) {
      return new Attempt(0, error);
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

  private final WorkerExecutor worker;
  private final DeliveryPolicy policy;
  private final HttpClient client;

  public DeliverySender(Vertx vertx, WorkerExecutor worker, DeliveryPolicy policy) {
    this.worker = worker;
    this.policy = policy;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) policy.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setTrustAll(false)
                .setVerifyHost(true),
            new PoolOptions().setHttp1MaxSize(policy.perHostConcurrency()));
  }

  /** Signs and POSTs {@code body} to {@code inbox}; never fails: errors come back as an {@link Attempt}. */
  public Future<Attempt> send(URI inbox, byte[] body, RequestSigner signer) {
    return worker
        .executeBlocking(() -> signer.sign("POST", inbox, body), false)
        .compose(headers -> post(inbox, body, headers))
        .recover(err -> Future.succeededFuture(Attempt.failed(describe(err))));
  }

  private Future<Attempt> post(URI inbox, byte[] body, Map<String, String> signed) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(inbox.toString())
            .setConnectTimeout(policy.connectTimeout().toMillis())
            .setIdleTimeout(policy.readTimeout().toMillis())
            .setFollowRedirects(false)
            .putHeader("Content-Type", As.MEDIA_TYPE)
            .putHeader("Accept", ACCEPT)
            .putHeader("User-Agent", policy.userAgent());
    signed.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Host")) { // Vert.x writes the same authority itself
        options.putHeader(name, value);
      }
    });
    return client
        .request(options)
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> {
          int status = response.statusCode();
          response.handler(chunk -> {});
          return response.end().map(v -> Attempt.of(status)).recover(err -> Future.succeededFuture(Attempt.of(status)));
        });
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
