package org.coordo.server.app;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.coordo.storage.CacheEvents;
import org.coordo.storage.StorageException;
import org.coordo.storage.pg.PgOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CacheEvents} between the processes of a node on PostgreSQL: PostgreSQL's own {@code LISTEN/NOTIFY} on
 * one channel, through the reactive client's {@link PgSubscriber} (one connection per process, reconnected
 * with a back-off when PostgreSQL restarts). Chosen over the Vert.x clustered event bus because the database
 * every process already needs carries it: no cluster membership, no Hazelcast ports, nothing more to run or
 * secure. A notice is {@code processId topic key}; a process skips its own. Notices sent while a process was
 * disconnected are lost to it, so the caches it invalidates keep a bounded life (see each cache).
 */
final class PgCacheEvents implements CacheEvents, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgCacheEvents.class);
  static final String CHANNEL = "coordo_cache";
  /** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more. */
  private static final int MAX_PAYLOAD = 7900;

  private final PgSubscriber subscriber;
  private final String processId = UUID.randomUUID().toString();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

  private PgCacheEvents(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Connects the subscriber and listens (blocking, at most the options' timeout). */
  static PgCacheEvents start(Vertx vertx, PgOptions options) {
    PgConnectOptions connect = new PgConnectOptions().setHost(options.host()).setPort(options.port())
        .setDatabase(options.database()).setUser(options.user()).setPassword(options.password())
        .setSslMode(SslMode.of(options.sslMode()));
    connect.addProperty("application_name", "coordo-notices");
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, connect)
        .reconnectPolicy(PgCacheEvents::reconnectDelay);
    PgCacheEvents events = new PgCacheEvents(subscriber);
    subscriber.channel(CHANNEL).handler(events::received);
    subscriber.closeHandler(v -> LOG.warn("postgresql notices: connection closed"));
    try {
      subscriber.connect().toCompletionStage().toCompletableFuture()
          .get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      subscriber.close();
      throw new StorageException("postgresql notices: cannot connect (" + e + ")", null);
    }
    return events;
  }

  /** Milliseconds before reconnect attempt {@code retries}: 100 ms doubling up to 5 s, for ever. */
  private static Long reconnectDelay(Integer retries) {
    return Math.min(5000L, 100L << Math.min(retries, 6));
  }

  @Override
  public void publish(String topic, String key) {
    String payload = processId + " " + topic + " " + key;
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD || subscriber.closed()) {
      return; // too long to announce, or disconnected: the other processes' caches expire on their own
    }
    try {
      subscriber.actualConnection().preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
          .onFailure(e -> LOG.debug("postgresql notices: not sent ({})", e.toString()));
    } catch (RuntimeException e) {
      LOG.debug("postgresql notices: not sent ({})", e.toString()); // no connection right now
    }
  }

  @Override
  public void subscribe(String topic, Consumer<String> onChanged) {
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(onChanged);
  }

  private void received(String payload) {
    String[] parts = payload.split(" ", 3);
    if (parts.length != 3 || parts[0].equals(processId)) {
      return;
    }
    for (Consumer<String> listener : listeners.getOrDefault(parts[1], List.of())) {
      try {
        listener.accept(parts[2]);
      } catch (RuntimeException e) {
        LOG.warn("postgresql notices: a {} listener failed", parts[1], e);
      }
    }
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
