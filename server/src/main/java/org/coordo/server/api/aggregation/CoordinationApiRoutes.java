package org.coordo.server.api.aggregation;

import io.vertx.ext.web.Router;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.convert.CoordinationApiConverter;
import org.coordo.server.service.coordination.CoordinationService;

/**
 * {@code GET /api/coordination/cities} (national node, anyone): the cities that belong to the national
 * coordination, with their handles and how they came in (the page is {@code /coordination}).
 */
final class CoordinationApiRoutes {
  private final CoordinationService coordination;

  CoordinationApiRoutes(CoordinationService coordination) {
    this.coordination = coordination;
  }

  void mount(Router router) {
    AccessGate.api(router.get("/api/coordination/cities"), Access.PUBLIC).handler(ctx -> coordination.members()
        .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Cache-Control", "no-cache")
            .end(CoordinationApiConverter.cities(coordination.groupName(), list).toBuffer()))
        .onFailure(ctx::fail));
  }
}
