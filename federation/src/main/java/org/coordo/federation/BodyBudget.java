package org.coordo.federation;


import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one memory budget of request bodies in flight: every route that buffers a body (inbox, JSON
 * API, forms, uploads) reserves what the body may cost <em>before</em> reading it, and gives it back
 * once the request is answered (or, for a pipeline that outlives its connection, once the pipeline is
 * done). Beyond the budget the answer is {@code 503} with {@code Retry-After}, without reading the
 * body, so a node under a flood of large bodies keeps serving everyone else.
 *
 * <p>What a body costs ({@link #costOf}): the buffer it is read into, with growth slack and the copy
 * handed on ({@value #BUFFER_FACTOR}× its length), plus, for a JSON body, the parsed document, which
 * {@link JsonBodies} bounds: its strings (at most the body's length again) and at most {@link
 * JsonBodies#MAX_VALUES} values of at most {@value #BYTES_PER_VALUE} bytes each — and never more than
 * {@value #DENSEST_PARSE_FACTOR}× the body (measured: a 1 MiB array of empty objects parses to 21 MB).
 * A request that alone costs more than the whole budget may still run when nothing else is in flight.
 */
public final class BodyBudget {
  /**
   * The default capacity, sized for the launcher's {@code -Xmx256m}: about ten 1 MiB inbox documents in
   * flight, or a hundred ordinary ones, leaving most of the heap to everything else.
   */
  public static final long DEFAULT_CAPACITY = 64L * 1024 * 1024;
  /** Seconds a refused client is asked to wait. */
  public static final int RETRY_AFTER_SECONDS = 10;
  static final int BUFFER_FACTOR = 3;
  static final int BYTES_PER_VALUE = 100;
  static final int DENSEST_PARSE_FACTOR = 24;
  private static final String CONTEXT_KEY = "coordo.bodyReservation";

  private final long capacity;
  private final AtomicLong inUse = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /** @param capacity bytes that bodies in flight may cost together */
  public BodyBudget(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  public long capacity() {
    return capacity;
  }

  /** Bytes reserved by bodies in flight right now. */
  public long inUse() {
    return inUse.get();
  }

  /** Requests refused so far because the budget was spent. */
  public long refused() {
    return refused.get();
  }

  /** What a body of {@code length} bytes may cost in memory while in flight (see the class comment). */
  public static long costOf(long length, boolean json) {
    long buffered = BUFFER_FACTOR * length;
    if (!json) {
      return buffered;
    }
    long parsed = Math.min(DENSEST_PARSE_FACTOR * length, length + (long) BYTES_PER_VALUE * JsonBodies.MAX_VALUES);
    return buffered + parsed;
  }

  /**
   * Whether a body of this content type may end up parsed as JSON, and so is charged for its parsed
   * form: anything but forms, multipart uploads and media files (a JSON route may read a body sent
   * without a content type, or with a wrong one, as JSON).
   */
  public static boolean chargedAsJson(String contentType) {
    if (contentType == null) {
      return true;
    }
    String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return !(essence.equals("application/x-www-form-urlencoded") || essence.startsWith("multipart/")
        || essence.startsWith("image/") || essence.startsWith("audio/") || essence.startsWith("video/")
        || essence.equals("application/pdf") || essence.equals("application/octet-stream"));
  }

  /**
   * Reserves {@code bytes} (at most the whole budget), or returns null when that would overspend it.
   * Release the reservation exactly once per holder ({@link Reservation#retain()} adds a holder).
   */
  public Reservation tryReserve(long bytes) {
    long wanted = Math.max(0, Math.min(bytes, capacity));
    while (true) {
      long used = inUse.get();
      if (used + wanted > capacity && used > 0) {
        refused.incrementAndGet();
        return null;
      }
      if (inUse.compareAndSet(used, used + wanted)) {
        return new Reservation(wanted);
      }
    }
  }

  /**
   * A vertx-web handler that reserves the cost of the request's body ({@code Content-Length}, or
   * {@code maxBodyBytes} when the length is not declared) and then lets {@code bodyHandler} read it;
   * 503 with {@code Retry-After} and {@code Connection: close} when the budget is spent. The
   * reservation is released when the response ends or the connection closes, unless a handler
   * {@link #retainedBy took a hold on it}. A request whose body was already reserved for (a second
   * body handler on the same route) goes straight on.
   */
  public Handler<RoutingContext> guard(long maxBodyBytes, BodyHandler bodyHandler) {
    return ctx -> {
      if (ctx.get(CONTEXT_KEY) != null) {
        bodyHandler.handle(ctx);
        return;
      }
      long cost = costOf(declaredLength(ctx.request(), maxBodyBytes), chargedAsJson(ctx.request().getHeader("Content-Type")));
      if (cost == 0) { // no body (GET, HEAD, …): nothing to hold
        bodyHandler.handle(ctx);
        return;
      }
      Reservation reservation = tryReserve(cost);
      if (reservation == null) {
        ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).putHeader("Connection", "close");
        ctx.fail(new HttpException(503, busyMessage()));
        return;
      }
      ctx.put(CONTEXT_KEY, reservation);
      AtomicBoolean released = new AtomicBoolean();
      ctx.addEndHandler(v -> {
        if (released.compareAndSet(false, true)) {
          reservation.release();
        }
      });
      bodyHandler.handle(ctx);
    };
  }

  /**
   * The reservation of the request's body with one more holder, for a handler whose work may outlive
   * the response or the connection (it must {@link Reservation#release()} it when done); null when no
   * {@link #guard} read the body.
   */
  public static Reservation retainedBy(RoutingContext ctx) {
    Reservation reservation = ctx.get(CONTEXT_KEY);
    return reservation == null ? null : reservation.retain();
  }

  /** The safe message of a refusal. */
  public static String busyMessage() {
    return "the node is busy with other requests; retry in " + RETRY_AFTER_SECONDS + " seconds";
  }

  /**
   * The body's declared length within {@code max}; 0 for a request without a body (no length, not
   * chunked, HTTP/1), {@code max} when the length is not known beforehand (chunked, HTTP/2 stream).
   */
  public static long declaredLength(HttpServerRequest request, long max) {
    String declared = request.getHeader("Content-Length");
    if (declared == null) {
      boolean streamed = request.headers().contains("Transfer-Encoding") || request.version() == HttpVersion.HTTP_2;
      boolean bodiless = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
          || request.method() == HttpMethod.OPTIONS || request.isEnded();
      return streamed && !bodiless ? max : 0;
    }
    try {
      return Math.min(Math.max(0, Long.parseLong(declared.trim())), max);
    } catch (NumberFormatException e) {
      return max; // the body handler refuses it
    }
  }

  /** Bytes held from the budget until every holder released them. */
  public final class Reservation {
    private final long bytes;
    private final AtomicInteger holders = new AtomicInteger(1);

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    public long bytes() {
      return bytes;
    }

    /** Adds a holder (who must call {@link #release()} once). */
    public Reservation retain() {
      holders.incrementAndGet();
      return this;
    }

    /** Drops one holder; the bytes go back to the budget when the last one is gone. */
    public void release() {
      int left = holders.decrementAndGet();
      if (left == 0) {
        inUse.addAndGet(-bytes);
      } else if (left < 0) {
        holders.incrementAndGet(); // released more often than held: ignored, the bytes went back once
      }
    }
  }
}
