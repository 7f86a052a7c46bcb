package org.coordo.federation.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.coordo.federation.HostStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Per-host delivery health: consecutive failures since the last success. A host that has failed
 * without a single success for longer than {@code unavailableAfter} is unavailable: its jobs are
 * deferred (one probe at a time goes through) until a delivery succeeds.
 *
 * <p>Key layout, keyspace {@value FederationKeyspaces#HOSTS}: {@code utf8(host[:port])} → UTF-8 JSON
 * {@code {"failures": n, "firstFailureAt": epochMillis, "lastFailureAt": epochMillis, "lastError": "…"}}.
 * Healthy hosts have no record (a success deletes it). Every record is also kept in memory (the
 * number of failing hosts is small), so checks cost no disk read.
 *
 * <p>Writes are synchronous: call from a worker thread. Reads of the cache are safe anywhere.
 */
public final class HostHealth {

  private final Keyspace keyspace;
  private final Clock clock;
  private final Duration unavailableAfter;
  private final Map<String, HostStatus> failing = new ConcurrentHashMap<>();

  /** Nothing is read until {@link #load()}. */
  public HostHealth(KvStore store, Clock clock, Duration unavailableAfter) {
    this.keyspace = store.keyspace(FederationKeyspaces.HOSTS);
    this.clock = clock;
    this.unavailableAfter = unavailableAfter;
  }

  /** Loads the failing hosts from the store (blocking; the delivery worker calls it at start). */
  public void load() {
    try (KvIterator it = keyspace.scan(null, null, false)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        String host = new String(e.key(), StandardCharsets.UTF_8);
        failing.put(host, HostHealth.fromJson(host, new JsonObject(Buffer.buffer(e.value()))));
      }
    }
  }

  public Optional<HostStatus> find(String host) {
    return Optional.ofNullable(failing.get(host));
  }

  /** Whether the host is marked unavailable now. */
  public boolean isUnavailable(String host) {
    HostStatus status = failing.get(host);
    return status != null && status.unavailableAt(clock.instant(), unavailableAfter);
  }

  /** A delivery to the host failed (blocking write). */
  public HostStatus recordFailure(String host, String error) {
    Instant now = clock.instant();
    HostStatus status =
        failing.compute(
            host,
            (h, old) ->
                old == null
                    ? new HostStatus(h, 1, now, now, error)
                    : new HostStatus(h, old.failures() + 1, old.firstFailureAt(), now, error));
    keyspace.put(Keys.utf8(host), toJson(status).toBuffer().getBytes());
    return status;
  }

  /**
   * A delivery to the host succeeded (blocking write when it was failing). Returns whether it had
   * been unavailable, i.e. whether its deferred jobs should resume.
   */
  public boolean recordSuccess(String host) {
    HostStatus old = failing.remove(host);
    if (old == null) {
      return false;
    }
    keyspace.delete(Keys.utf8(host));
    return old.unavailableAt(clock.instant(), unavailableAfter);
  }

  /** Failing hosts, most failures first (for the admin page). */
  public List<HostStatus> failingHosts() {
    return failing.values().stream()
        .sorted(Comparator.comparingInt(HostStatus::failures).reversed().thenComparing(HostStatus::host))
        .toList();
  }

  /** Hosts currently unavailable. */
  public List<String> unavailableHosts() {
    Instant now = clock.instant();
    return failing.values().stream()
        .filter(s -> s.unavailableAt(now, unavailableAfter))
        .map(HostStatus::host)
        .sorted()
        .toList();
  }

  private static JsonObject toJson(HostStatus s) {
    return new JsonObject()
        .put("failures", s.failures())
        .put("firstFailureAt", s.firstFailureAt().toEpochMilli())
        .put("lastFailureAt", s.lastFailureAt().toEpochMilli())
        .put("lastError", s.lastError());
  }

  private static HostStatus fromJson(String host, JsonObject j) {
    return new HostStatus(
        host,
        j.getInteger("failures", 0),
        Instant.ofEpochMilli(j.getLong("firstFailureAt", 0L)),
        Instant.ofEpochMilli(j.getLong("lastFailureAt", 0L)),
        j.getString("lastError"));
  }
}
