package org.coordo.server.app;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import org.coordo.federation.JsonBodies;
import org.coordo.server.error.NodeError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Local control endpoints, for the command line while the node runs (RocksDB admits one process):
 *
 * <pre>
 * POST /_control/backup   {"dir": "/absolute/empty/or/new/dir"} → 200 {"dir", "schemaVersion", "millis"}
 * </pre>
 *
 * Callers must be on this machine (loopback or the server's own address, no proxy forwarding
 * headers: 403) and present {@code Authorization: Bearer <dataDir/control.token>} (401 without a
 * token, 403 with a wrong one). The token file is written at start and deleted at stop (by the {@link NodeAssembly}).
 */
public final class ControlRoutes implements RouteMounter {

  @Override
  public void mount(Router router, NodeServices services) {
    AccessGate.api(router.post("/_control/backup"), Access.CONTROL).handler(guard(services.controlToken()))
        .respond(ctx -> backup(ctx, services.platform()));
  }

  private Future<JsonObject> backup(RoutingContext ctx, NodeContext node) {
    JsonObject body;
    try {
      body = ctx.body().length() == 0 ? null : JsonBodies.object(ctx.body().buffer());
    } catch (JsonBodies.Invalid e) {
      throw NodeError.badRequest(e.getMessage());
    }
    Object dir = body == null ? null : body.getValue("dir");
    Path target;
    try {
      target = dir instanceof String s ? Path.of(s) : null;
    } catch (InvalidPathException e) {
      target = null;
    }
    if (target == null || !target.isAbsolute()) {
      throw NodeError.badRequest("expected {\"dir\": \"/absolute/path\"}");
    }
    Path backupDir = target.normalize();
    return node.storage().call(store -> {
      requireEmptyOrAbsent(backupDir); // a client error (409) rather than the store's failure (500)
      long start = System.nanoTime();
      store.backupTo(backupDir);
      return new JsonObject()
          .put("dir", backupDir.toString())
          .put("schemaVersion", store.schemaVersion())
          .put("millis", (System.nanoTime() - start) / 1_000_000);
    });
  }

  private static void requireEmptyOrAbsent(Path dir) {
    try {
      if (!DataDir.isEmptyOrAbsent(dir)) {
        throw NodeError.conflict("backup target is not an empty directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The guard of every {@code /_control/…} route: local callers only (no forwarding header, loopback
   * address) with {@code Authorization: Bearer <dataDir/control.token>}. A null token (the node has
   * none) answers 503.
   */
  public static Handler<RoutingContext> guard(ControlToken token) {
    return ctx -> {
      if (token == null) {
        ctx.fail(NodeError.unavailable("control endpoints are not enabled on this node"));
        return;
      }
      if (!isLocalCaller(ctx.request())) {
        ctx.fail(NodeError.forbidden("control endpoints answer local callers only"));
        return;
      }
      String auth = ctx.request().getHeader("Authorization");
      if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ctx.fail(NodeError.unauthenticated("missing bearer token"));
        return;
      }
      if (!token.matches(auth.substring(7).trim())) {
        ctx.fail(NodeError.forbidden("wrong token"));
        return;
      }
      ctx.next();
    };
  }

  /** Same machine, not through a proxy: a forwarding header means a reverse proxy relayed it. */
  public static boolean isLocalCaller(HttpServerRequest request) {
    if (request.headers().contains("Forwarded") || request.headers().contains("X-Forwarded-For")
        || request.headers().contains("X-Real-IP")) {
      return false;
    }
    String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    if (remote == null) {
      return false;
    }
    try {
      // hostAddress() is an IP literal: no lookup happens here.
      if (InetAddress.getByName(remote).isLoopbackAddress()) {
        return true;
      }
    } catch (UnknownHostException e) {
      return false;
    }
    return request.localAddress() != null && remote.equals(request.localAddress().hostAddress());
  }
}
