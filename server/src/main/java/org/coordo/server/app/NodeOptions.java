package org.coordo.server.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.service.account.PasswordHasher;

/**
 * How a node is assembled beyond its configuration: what {@code ./coordo run} uses ({@link
 * #standard()}), and what the demo and the whole-node tests change (cheap password hashing, fast
 * delivery on loopback, no pages, extra routes).
 *
 * @param hashing password hashing parameters
 * @param fastDelivery short delivery poll and retry delays
 * @param pages whether the HTML pages are mounted
 * @param metrics whether {@code /metrics} is mounted
 * @param extraRoutes mounted after every other route (tests)
 * @param clock the node's clock (tests move it: link expiry, hourly notices)
 */
public record NodeOptions(
    PasswordHasher.Params hashing, boolean fastDelivery, boolean pages, boolean metrics, List<RouteMounter> extraRoutes,
    Clock clock) {

  public NodeOptions {
    extraRoutes = List.copyOf(extraRoutes);
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  public NodeOptions(
      PasswordHasher.Params hashing, boolean fastDelivery, boolean pages, boolean metrics, List<RouteMounter> extraRoutes) {
    this(hashing, fastDelivery, pages, metrics, extraRoutes, Clock.systemUTC());
  }

  /** These options with another clock (tests). */
  public NodeOptions withClock(Clock c) {
    return new NodeOptions(hashing, fastDelivery, pages, metrics, extraRoutes, c);
  }

  /** A production node: default hashing, normal delivery timings, pages and metrics. */
  public static NodeOptions standard() {
    return new NodeOptions(PasswordHasher.DEFAULT, false, true, true, List.of());
  }

  public NodeOptions withHashing(PasswordHasher.Params params) {
    return new NodeOptions(params, fastDelivery, pages, metrics, extraRoutes, clock);
  }

  public NodeOptions withFastDelivery(boolean fast) {
    return new NodeOptions(hashing, fast, pages, metrics, extraRoutes, clock);
  }

  public NodeOptions withPages(boolean mounted) {
    return new NodeOptions(hashing, fastDelivery, mounted, metrics, extraRoutes, clock);
  }

  public NodeOptions withMetrics(boolean mounted) {
    return new NodeOptions(hashing, fastDelivery, pages, mounted, extraRoutes, clock);
  }

  /** These options plus routes mounted last. */
  public NodeOptions withRoutes(RouteMounter... routes) {
    List<RouteMounter> all = new ArrayList<>(extraRoutes);
    all.addAll(List.of(routes));
    return new NodeOptions(hashing, fastDelivery, pages, metrics, all, clock);
  }
}
