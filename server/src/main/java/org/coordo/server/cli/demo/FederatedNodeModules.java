package org.coordo.server.cli.demo;

import java.util.List;
import org.coordo.server.api.account.AccountModule;
import org.coordo.server.api.aggregation.AggregationModule;
import org.coordo.server.api.publication.PublicationModule;
import org.coordo.server.app.ControlModule;
import org.coordo.server.app.HealthModule;
import org.coordo.server.app.HttpModule;
import org.coordo.server.service.account.PasswordHasher;
import org.coordo.server.web.WebModule;

/**
 * Every module of a federating node, wired together: health, control, federation, accounts (on
 * the federation's actors), pages, publishing and aggregation. Used by {@code ./coordo demo} and
 * by the whole-federation tests; one instance per node (modules hold per-node state).
 */
public final class FederatedNodeModules {
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
  public FederatedNodeModules(PasswordHasher.Params hashing, boolean fastDelivery, boolean pages) {
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

  /**
   * The modules of a production node (default password hashing, normal delivery timings, pages,
   * metrics): what {@code Modules.standard()} can return to make {@code ./coordo run} federate.
   */
  public static List<HttpModule> production() {
    List<HttpModule> modules = new java.util.ArrayList<>(
        new FederatedNodeModules(PasswordHasher.DEFAULT, false, true).list());
    modules.add(1, new org.coordo.server.app.MetricsModule());
    return List.copyOf(modules);
  }

  public List<HttpModule> list() {
    return all;
  }
}
