package org.coordo.server.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import org.coordo.server.auth.Access;
import org.coordo.server.service.coordination.Coordination;

/**
 * Mounts the pages of the national coordination's membership (issue 17), after the other pages.
 *
 * <pre>
 * GET  /espace/{collective}/coordination        editor: where the collective's request to join stands, the form
 * POST /espace/{collective}/coordination        editor: handle=@national@host → a Join sent to that group
 * GET  /coordination                            anyone (national node): the member cities, with their handles
 * GET  /espace/coordination/requests            national editor (editor of the national group, or node admin)
 * POST /espace/coordination/requests            national editor: actor=…&amp;decision=accept|refuse
 * GET  /espace/coordination/dashboard[.csv]     national editor: mobilisation at a glance, and as CSV
 * </pre>
 *
 * The node's {@code CrossSiteGuard} checks every POST's form token.
 */
public final class CoordinationRoutes {
  static final String REQUESTS = "/espace/coordination/requests";
  static final String DASHBOARD = "/espace/coordination/dashboard";

  private final Pages pages;
  private final CoordinationPages coordinationPages;
  private final Coordination coordination;

  public CoordinationRoutes(Coordination coordination, URI publicUrl) {
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.coordination = coordination;
    this.coordinationPages = new CoordinationPages(pages, coordination);
  }

  /** Editors of the national group and node admins. */
  static Access nationalEditor(String group) {
    return Access.of("national-editor", "editor of the national group (or node admin)",
        (who, ctx) -> io.vertx.core.Future.succeededFuture(who.canPublishFor(group)));
  }

  public void mount(Router router) {
    if (coordination.national() != null) {
      Access national = nationalEditor(coordination.national().groupName());
      get(router, "/coordination", Access.PUBLIC, coordinationPages::members);
      get(router, REQUESTS, national, coordinationPages::requests);
      post(router, REQUESTS, national, coordinationPages::decide);
      get(router, DASHBOARD, national, coordinationPages::dashboard);
      get(router, DASHBOARD + ".csv", national, coordinationPages::dashboardCsv);
    }
    get(router, "/espace/:collective/coordination", Access.EDITOR, coordinationPages::joinForm);
    post(router, "/espace/:collective/coordination", Access.EDITOR, coordinationPages::join);
  }

  private void get(Router router, String path, Access access, Handler<RoutingContext> handler) {
    pages.mount(router.get(path), access, handler);
  }

  private void post(Router router, String path, Access access, Handler<RoutingContext> handler) {
    pages.mount(router.post(path), access, handler);
  }
}
