package org.coordo.server.app;

import java.util.ArrayList;
import java.util.List;
import org.coordo.server.api.account.AccountModule;
import org.coordo.server.api.aggregation.AggregationModule;
import org.coordo.server.api.publication.PublicationModule;
import org.coordo.server.fedimpl.NodeFederationModule;
import org.coordo.server.service.account.PasswordHasher;
import org.coordo.server.web.WebModule;

/**
 * The route groups a node mounts, in order, wired together: health, (metrics,) control, federation,
 * accounts (on the federation's actors; mounts the AuthHandler for every later route), pages,
 * publishing and aggregation. {@link #standard()} is what {@code ./coordo run} mounts; the demo and
 * the whole-node tests build their own instance (cheap hashing, fast delivery). One instance per
 * node: modules hold per-node state.
 */
public final class Modules {
  public final NodeFederationModule federation;
  public final AccountModule accounts;
  public final PublicationModule publications;
  public final AggregationModule aggregation;
  private final List<HttpModule> all;

  /**
   * @param hashing password hashing parameters (tests use cheap ones)
   * @param fastDelivery short delivery poll and retry delays
   * @param pages whether to mount the HTML pages
   */
  public Modules(PasswordHasher.Params hashing, boolean fastDelivery, boolean pages) {
    PublicationModule[] pub = new PublicationModule[1];
    federation = new NodeFederationModule(() -> pub[0] == null ? null : pub[0].publishing(), fastDelivery);
    accounts = new AccountModule(hashing, ctx -> federation.federation(ctx).map(f -> f.actors()));
    publications = new PublicationModule(federation::federation);
    pub[0] = publications;
    aggregation = new AggregationModule(federation::federation, accounts::accounts, publications::publishing);
    all = pages
        ? List.of(new HealthModule(), new ControlModule(), federation, accounts,
            new WebModule(accounts::accounts, publications::publishing, () -> aggregation.service(),
                federation::federation), publications,
            aggregation)
        : List.of(new HealthModule(), new ControlModule(), federation, accounts, publications, aggregation);
  }

  /** The modules of a production node: default password hashing, normal delivery timings, pages, metrics. */
  public static List<HttpModule> standard() {
    List<HttpModule> modules = new ArrayList<>(new Modules(PasswordHasher.DEFAULT, false, true).list());
    modules.add(1, new MetricsModule());
    return List.copyOf(modules);
  }

  public List<HttpModule> list() {
    return all;
  }
}
