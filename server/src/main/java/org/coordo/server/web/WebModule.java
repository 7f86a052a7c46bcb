package org.coordo.server.web;

import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.NodeContext;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.publication.Publishing;

/**
 * The web pages on the node (see {@link WebRoutes}). Put it after the account module (whose
 * {@code AuthHandler} runs on every route) and before the publication module (object ids are
 * content-negotiated here first); the suppliers are read at mount time, once those have started.
 */
public final class WebModule implements HttpModule {
  private final Supplier<Accounts> accounts;
  private final Supplier<Publishing> publishing;
  private final Supplier<AggregationService> aggregation;
  private final Supplier<Federation> federation;

  /** A node without aggregation (no national agenda on the home page). */
  public WebModule(Supplier<Accounts> accounts, Supplier<Publishing> publishing) {
    this(accounts, publishing, () -> null, () -> null);
  }

  /**
   * @param aggregation received publications (the aggregation module's service), or a supplier of
   *     null; on a national node its agenda leads the home page
   */
  public WebModule(Supplier<Accounts> accounts, Supplier<Publishing> publishing,
      Supplier<AggregationService> aggregation) {
    this(accounts, publishing, aggregation, () -> null);
  }

  /**
   * @param federation the node's federation (followers, follows, "sent to N followers"), or a
   *     supplier of null: those pages are then not mounted
   */
  public WebModule(Supplier<Accounts> accounts, Supplier<Publishing> publishing,
      Supplier<AggregationService> aggregation, Supplier<Federation> federation) {
    this.accounts = accounts;
    this.publishing = publishing;
    this.aggregation = aggregation;
    this.federation = federation;
  }

  @Override
  public void mount(Router router, NodeContext ctx) {
    Path uploads = ctx.config().dataDir().resolve("media").resolve(".uploads");
    AggregationService national = ctx.config().role() == NodeConfig.Role.NATIONAL ? aggregation.get() : null;
    new WebRoutes(ctx.vertx(), accounts.get(), publishing.get(), national, federation.get(),
        ctx.config().publicUrl(), uploads, ctx.bodyBudget())
        .mount(router);
  }
}
