package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import org.coordo.federation.FetchedJson;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.sig.SignatureKnock;
import org.coordo.federation.sig.SigningKey;

/**
 * Fetches remote JSON documents, guarded and signed.
 *
 * <ul>
 *   <li>every URL, redirects included, goes through the {@link UrlGuard}, and the connection is made to the
 *       address the guard checked (no second DNS lookup);
 *   <li>every GET is signed by the instance actor, the signing running on the worker executor: with the double
 *       knock ({@link SignatureKnock}) when built with one, else by the {@link RequestSigner} given;
 *   <li>at most {@link FetchOptions#maxRedirects()} redirects, a body cap (the read is aborted beyond it),
 *       connect and total timeouts, JSON content types only;
 *   <li>errors are {@link FetchException}s with a {@link FetchException.Reason}.
 * </ul>
 */
public final class RemoteFetcher implements AutoCloseable {
  /** What we ask for when fetching ActivityStreams documents. */
  public static final String ACTIVITY_ACCEPT =
      "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

  private final Vertx vertx;
  private final UrlGuard guard;
  private final RequestSigner signer;
  private final WorkerExecutor worker;
  private final FetchOptions options;
  private final String userAgent;
  private final HttpClient client;
  private final SignatureKnock knock;
  private final Supplier<SigningKey> knockKey;

  /**
   * @param vertx the Vert.x instance
   * @param guard the URL guard (its allowPrivateAddresses decides what is reachable)
   * @param signer signs every GET (the instance actor's key)
   * @param worker where signing runs
   * @param options limits
   * @param userAgent e.g. {@code Coordo/0.1.0 (+https://grenoble.example)}; see {@link #userAgent(String, URI)}
   */
  public RemoteFetcher(Vertx vertx, UrlGuard guard, RequestSigner signer, WorkerExecutor worker, FetchOptions options,
      String userAgent) {
    this(vertx, guard, signer, worker, options, userAgent, new HttpClientOptions());
  }

  /**
   * As above, with base client options (e.g. a trust store for an internal CA). Connect timeout, redirects,
   * SNI and host verification are set here whatever the base says.
   */
  public RemoteFetcher(Vertx vertx, UrlGuard guard, RequestSigner signer, WorkerExecutor worker, FetchOptions options,
      String userAgent, HttpClientOptions base) {
    this(vertx, guard, signer, worker, options, userAgent, base, null, null);
  }

  /**
   * As above, signing with the double knock ({@link SignatureKnock}: RFC 9421 first, draft-cavage on a refusal, an
   * {@code Accept-Signature} challenge answered, what works remembered per host) with {@code knockKey}'s key; the
   * plain {@code signer} is used while {@code knockKey} answers null.
   */
  public RemoteFetcher(Vertx vertx, UrlGuard guard, RequestSigner signer, WorkerExecutor worker, FetchOptions options,
      String userAgent, HttpClientOptions base, SignatureKnock knock, Supplier<SigningKey> knockKey) {
    this.knock = knock;
    this.knockKey = knockKey;
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.options = Objects.requireNonNull(options, "options");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    // We connect to the address the guard checked; TLS still verifies (and sends SNI for) the URL's host name.
    this.client = vertx.createHttpClient(new HttpClientOptions(base)
        .setConnectTimeout((int) options.connectTimeout().toMillis())
        .setMaxRedirects(0)
        .setKeepAlive(true)
        .setForceSni(true)
        .setVerifyHost(true));
  }

  /**
   * A fetcher set up from the node configuration: its guard allows private addresses only when the config does,
   * its User-Agent names the version and public URL, default limits (1 MiB, 5 s connect, 10 s total, 3 redirects).
   */
  public static RemoteFetcher create(Vertx vertx, org.coordo.federation.FederationConfig config, RequestSigner signer,
      WorkerExecutor worker) {
    return new RemoteFetcher(vertx, new UrlGuard(worker, config.allowPrivateAddresses()), signer, worker,
        FetchOptions.DEFAULTS, userAgent(config.softwareVersion(), config.publicUrl()));
  }

  /** {@code Coordo/<version> (+<publicUrl>)}. */
  public static String userAgent(String version, URI publicUrl) {
    return "Coordo/" + version + " (+" + publicUrl + ")";
  }

  /**
   * Fetches an ActivityStreams document (actor, key, object, collection, page) and checks its identity:
   * its {@code id} must be of the origin of the URL that answered after redirects
   * ({@link Ownership#requireIdOfOrigin}), else the fetch fails with {@link FetchException.Reason#WRONG_ID}.
   * Every ActivityStreams fetch goes through here; callers that asked for one id in particular compare it
   * with the answer's id themselves.
   */
  public Future<FetchedJson> fetchActivity(URI url) {
    return fetch(url, ACTIVITY_ACCEPT).compose(fetched -> {
      try {
        Ownership.requireIdOfOrigin(fetched.json(), fetched.finalUrl());
        return Future.succeededFuture(fetched);
      } catch (FederationException e) {
        return Future.failedFuture(new FetchException(FetchException.Reason.WRONG_ID, fetched.finalUrl(),
            e.safeMessage()));
      }
    });
  }

  /** {@link #fetchActivity(URI)}, the document only. */
  public Future<JsonObject> fetchActivityJson(URI url) {
    return fetchActivity(url).map(FetchedJson::json);
  }

  /** Fetches a JSON document with the given Accept header (WebFinger, NodeInfo: documents without an id). */
  public Future<JsonObject> fetchJson(URI url, String accept) {
    return fetch(url, accept).map(FetchedJson::json);
  }

  /**
   * Fetches a JSON document, telling which URL answered after redirects. No identity check: ActivityStreams
   * documents go through {@link #fetchActivity(URI)}.
   */
  public Future<FetchedJson> fetch(URI url, String accept) {
    return fetch(url, accept, true);
  }

  /**
   * Fetches a public JSON document without signing the GET (NodeInfo: nobody asks for a signature there, and a
   * signature costs an RSA operation per request); otherwise as {@link #fetchJson}.
   */
  public Future<JsonObject> fetchPublicJson(URI url, String accept) {
    return fetch(url, accept, false).map(FetchedJson::json);
  }

  private Future<FetchedJson> fetch(URI url, String accept, boolean signed) {
    Promise<FetchedJson> result = Promise.promise();
    long timer = vertx.setTimer(options.totalTimeout().toMillis(), id -> result.tryFail(new FetchException(
        FetchException.Reason.TIMEOUT, url, "fetching " + url + " took longer than " + options.totalTimeout().toSeconds() + " s")));
    Attempt attempt = new Attempt(result, accept, signed);
    attempt.go(url, 0);
    return result.future().andThen(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        attempt.abort();
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }

  /** One fetch, possibly across redirects. */
  private final class Attempt {
    private final Promise<FetchedJson> result;
    private final String accept;
    private volatile io.vertx.core.http.HttpClientRequest current;

    private final boolean signed;

    Attempt(Promise<FetchedJson> result, String accept, boolean signed) {
      this.result = result;
      this.accept = accept;
      this.signed = signed;
    }

    void abort() {
      io.vertx.core.http.HttpClientRequest req = current;
      if (req != null) {
        req.reset(0, new TimeoutException("aborted"));
      }
    }

    void go(URI url, int redirects) {
      if (result.future().isComplete()) {
        return;
      }
      guard.check(url)
          .compose(addresses -> signedGet(url, addresses.get(0)))
          .onSuccess(resp -> handle(url, redirects, resp))
          .onFailure(err -> result.tryFail(asFetchException(url, err)));
    }

    /** Signs (on the worker) and sends the GET: with the double knock when there is a key for it. */
    private Future<HttpClientResponse> signedGet(URI url, InetAddress address) {
      if (!signed) {
        return send(url, address, Map.of());
      }
      SigningKey key = knockKey == null ? null : knockKey.get();
      if (knock == null || key == null) {
        return signOnWorker(url, () -> signer.sign("GET", url, null)).compose(signed -> send(url, address, signed));
      }
      SignatureKnock.Request request = new SignatureKnock.Request("GET", url, null,
          Map.of(HttpHeaderNames.ACCEPT.toString(), accept, HttpHeaderNames.USER_AGENT.toString(), userAgent));
      return knock.send(request, key, rsa -> signOnWorker(url, rsa),
          signed -> send(url, address, signed).map(resp -> {
            resp.pause(); // the knock may remember the scheme (a worker hop) before the body is read: hold it
            if (resp.statusCode() == 400 || resp.statusCode() == 401 || resp.statusCode() == 403) {
              discard(resp); // another knock may follow: this answer's body is never read
            }
            return resp;
          }),
          resp -> new SignatureKnock.Answer(resp.statusCode(), resp.getHeader("Accept-Signature")));
    }

    private Future<Map<String, String>> signOnWorker(URI url, Callable<Map<String, String>> rsa) {
      return worker.executeBlocking(rsa, false)
          .recover(err -> Future.failedFuture(new FetchException(FetchException.Reason.SIGNING_FAILED, url,
              "could not sign the request to " + url, 0, err)));
    }

    private Future<HttpClientResponse> send(URI url, InetAddress address, Map<String, String> signed) {
      if (result.future().isComplete()) {
        return Future.failedFuture(new FetchException(FetchException.Reason.TIMEOUT, url, "fetch abandoned"));
      }
      boolean https = url.getScheme().equalsIgnoreCase("https");
      int port = url.getPort() != -1 ? url.getPort() : (https ? 443 : 80);
      RequestOptions ro = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setHost(UrlGuard.hostOf(url))
          .setPort(port)
          .setSsl(https)
          .setURI(pathAndQuery(url))
          .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
          .setFollowRedirects(false)
          .setConnectTimeout(options.connectTimeout().toMillis())
          .putHeader(HttpHeaderNames.ACCEPT.toString(), accept)
          .putHeader(HttpHeaderNames.USER_AGENT.toString(), userAgent);
      signed.forEach((k, v) -> {
        if (!k.equalsIgnoreCase("host")) {
          ro.putHeader(k, v);
        }
      });
      return client.request(ro).compose(req -> {
        current = req;
        return req.send();
      });
    }

    private void handle(URI url, int redirects, HttpClientResponse resp) {
      int status = resp.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        String location = resp.getHeader("Location");
        discard(resp);
        if (redirects >= options.maxRedirects()) {
          result.tryFail(new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS, url,
              "more than " + options.maxRedirects() + " redirects fetching " + url));
          return;
        }
        URI next;
        try {
          next = location == null ? null : url.resolve(location.trim());
        } catch (IllegalArgumentException e) {
          next = null;
        }
        if (next == null) {
          result.tryFail(new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS, url,
              "redirect without a usable Location from " + url));
          return;
        }
        go(next, redirects + 1);
        return;
      }
      if (status < 200 || status > 299) {
        discard(resp);
        result.tryFail(new FetchException(FetchException.Reason.HTTP_STATUS, url,
            url + " answered " + status, status, null));
        return;
      }
      String contentType = resp.getHeader("Content-Type");
      if (!isJson(contentType)) {
        discard(resp);
        result.tryFail(new FetchException(FetchException.Reason.NOT_JSON, url,
            url + " answered " + (contentType == null ? "no content type" : contentType) + ", not JSON"));
        return;
      }
      String length = resp.getHeader("Content-Length");
      if (length != null && parseLong(length) > options.maxBytes()) {
        discard(resp);
        result.tryFail(tooLarge(url));
        return;
      }
      Buffer body = Buffer.buffer();
      resp.exceptionHandler(err -> result.tryFail(asFetchException(url, err)));
      resp.handler(chunk -> {
        if (result.future().isComplete()) {
          return;
        }
        if (body.length() + chunk.length() > options.maxBytes()) {
          result.tryFail(tooLarge(url));
          discard(resp);
          return;
        }
        body.appendBuffer(chunk);
      });
      resp.endHandler(v -> {
        if (result.future().isComplete()) {
          return;
        }
        String text = body.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
          result.tryFail(new FetchException(FetchException.Reason.INVALID_JSON, url, url + " did not answer a JSON object"));
          return;
        }
        try {
          result.tryComplete(new FetchedJson(url, new JsonObject(text)));
        } catch (DecodeException | ClassCastException e) {
          result.tryFail(new FetchException(FetchException.Reason.INVALID_JSON, url, url + " answered malformed JSON"));
        }
      });
      resp.resume();
    }

    /** Drops a response we will not read (closes its connection; the reset is expected, not logged). */
    private void discard(HttpClientResponse resp) {
      try {
        resp.exceptionHandler(ignored -> { });
      } catch (IllegalStateException alreadyEnded) {
        return;
      }
      resp.request().reset();
    }

    private FetchException tooLarge(URI url) {
      return new FetchException(FetchException.Reason.TOO_LARGE, url,
          url + " answered more than " + options.maxBytes() + " bytes");
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String pathAndQuery(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  /** application/json, application/activity+json, application/ld+json, application/jrd+json (any parameters). */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }

  private static FetchException asFetchException(URI url, Throwable err) {
    if (err instanceof FetchException fe) {
      return fe;
    }
    String m = String.valueOf(err.getMessage()).toLowerCase(Locale.ROOT);
    if (err instanceof TimeoutException || m.contains("timed out") || m.contains("timeout")) {
      return new FetchException(FetchException.Reason.TIMEOUT, url, "timed out fetching " + url, 0, err);
    }
    return new FetchException(FetchException.Reason.CONNECTION_FAILED, url,
        "could not fetch " + url + ": " + err.getClass().getSimpleName(), 0, err);
  }
}
