package org.coordo.federation.host;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which software a remote host runs, from its NodeInfo ({@code /.well-known/nodeinfo} → the 2.1 or 2.0 document →
 * {@code software.name}), read through the guarded, signed remote fetch and kept in the {@link HostProfiles}.
 *
 * <p>A name read is trusted for {@code refreshAfter} (a week), a failure for {@code retryFailedAfter} (a day). A
 * stale profile is answered at once and refreshed in the background; only a host never looked up waits for the
 * lookup. Concurrent lookups of one host share one fetch. A failure answers no name ({@link SoftwareFamily#OTHER}).
 *
 * <p>The one NodeInfo reader of the node: delivery forms ask for the {@link #familyOf family}, the follow
 * compatibility check for the {@link #softwareNow name, read afresh}.
 */
public final class SoftwareLookup {
  private static final Logger LOG = LoggerFactory.getLogger(SoftwareLookup.class);
  private static final String SCHEMA_PREFIX = "http://nodeinfo.diaspora.software/ns/schema/2.";
  public static final Duration REFRESH_AFTER = Duration.ofDays(7);
  public static final Duration RETRY_FAILED_AFTER = Duration.ofDays(1);

  private final HostProfiles profiles;
  private final Function<URI, Future<JsonObject>> fetchJson;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final Map<String, Future<Optional<String>>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param fetchJson fetches a JSON document (the node's {@code RemoteFetcher.fetchJson} with
   *     {@code application/json}: guarded, signed, bounded)
   */
  public SoftwareLookup(HostProfiles profiles, Function<URI, Future<JsonObject>> fetchJson, WorkerExecutor worker,
      Clock clock) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.fetchJson = Objects.requireNonNull(fetchJson, "fetchJson");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The family of the server that serves {@code target} (any URL on it, e.g. an inbox). Never fails. */
  public Future<SoftwareFamily> familyOf(URI target) {
    return softwareOf(target).map(name -> SoftwareFamily.of(name.orElse(null)));
  }

  /**
   * NodeInfo's {@code software.name}, lower case, of the server that serves {@code target}; empty when it was never
   * read (no NodeInfo, unreadable). Never fails.
   */
  public Future<Optional<String>> softwareOf(URI target) {
    String host = Hosts.of(target);
    HostProfile known = profiles.find(host).orElse(null);
    if (known != null && known.softwareCheckedAt() != null) {
      Duration age = Duration.between(known.softwareCheckedAt(), clock.instant());
      if (age.compareTo(known.softwareFailed() ? RETRY_FAILED_AFTER : REFRESH_AFTER) > 0) {
        lookup(host, target); // refreshed in the background; the known answer serves meanwhile
      }
      return Future.succeededFuture(Optional.ofNullable(known.software()));
    }
    return lookup(host, target);
  }

  /**
   * Like {@link #softwareOf}, but reads NodeInfo now whatever is remembered (and remembers the answer): for a rare,
   * user-initiated decision such as a follow, where a week-old name would be too old. When the read fails, the name
   * last read (if any) is answered. Never fails.
   */
  public Future<Optional<String>> softwareNow(URI target) {
    return lookup(Hosts.of(target), target);
  }

  private Future<Optional<String>> lookup(String host, URI target) {
    return inFlight.computeIfAbsent(host, h -> {
      URI origin = URI.create(target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getRawAuthority());
      Future<Optional<String>> f = readSoftware(origin)
          .map(name -> (Object) name)
          .otherwise(err -> err)
          .compose(outcome -> worker.executeBlocking(() -> {
            Instant now = clock.instant();
            if (outcome instanceof Throwable err) {
              LOG.info("nodeinfo of {} could not be read ({}); it gets every form of a publication", host,
                  err.getMessage());
              return Optional.ofNullable(
                  profiles.update(host, p -> p.withSoftware(p.software(), now, true)).software());
            }
            return Optional.ofNullable(
                profiles.update(host, p -> p.withSoftware((String) outcome, now, false)).software());
          }, false))
          .otherwise(Optional.empty());
      f.onComplete(ar -> inFlight.remove(h));
      return f;
    });
  }

  /** NodeInfo's {@code software.name}, lower case. */
  private Future<String> readSoftware(URI origin) {
    return fetchJson.apply(origin.resolve("/.well-known/nodeinfo")).compose(discovery -> {
      URI doc = documentLink(discovery, origin);
      if (doc == null) {
        return Future.failedFuture("no NodeInfo 2.x link");
      }
      return fetchJson.apply(doc);
    }).compose(doc -> {
      JsonObject software = doc.getValue("software") instanceof JsonObject s ? s : null;
      String name = software == null || !(software.getValue("name") instanceof String n) ? null : n.strip();
      if (name == null || name.isEmpty() || name.length() > 100) {
        return Future.failedFuture("no software.name");
      }
      return Future.succeededFuture(name.toLowerCase(Locale.ROOT));
    });
  }

  /** The 2.1 document's link, else 2.0's (else any 2.x); null when there is none. */
  static URI documentLink(JsonObject discovery, URI origin) {
    JsonArray links = discovery.getValue("links") instanceof JsonArray a ? a : new JsonArray();
    URI best = null;
    String bestRel = null;
    for (Object o : links) {
      if (!(o instanceof JsonObject link) || !(link.getValue("rel") instanceof String anyRel)
          || !(link.getValue("href") instanceof String href)) {
        continue;
      }
      String rel = anyRel.strip().replaceFirst("^https://", "http://");
      if (!rel.startsWith(SCHEMA_PREFIX)) {
        continue;
      }
      URI uri;
      try {
        uri = origin.resolve(href.strip());
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        continue;
      }
      if (bestRel == null || rel.compareTo(bestRel) > 0) {
        best = uri;
        bestRel = rel;
      }
    }
    return best;
  }
}
