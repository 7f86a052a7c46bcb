package org.coordo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate on its own: a role that is a predicate resolved by a service (here a working group's
 * pilots, what {@code Access.of} is for), the built-in roles with the collective taken from the
 * path, and the answers: 303 to the login page for a page, 401 for the API, 403 without the role.
 */
class AccessGateTest {
  static Vertx vertx;
  static HttpServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Stands for a working-group service: who pilots which group. */
  static final Map<String, Set<String>> PILOTS = Map.of("alpha/logement", Set.of("pia"));

  static final Map<String, Principal> PEOPLE = Map.of(
      "pia", new Principal("1", "pia", false, Map.of("alpha", Role.MEMBER)),
      "max", new Principal("2", "max", false, Map.of("alpha", Role.MEMBER)),
      "eve", new Principal("3", "eve", false, Map.of("alpha", Role.EDITOR)),
      "ada", new Principal("4", "ada", true, Map.of()));

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(new AuthHandler(new Authenticator() {
      @Override
      public Future<Optional<Principal>> bySessionToken(String token) {
        return Future.succeededFuture(Optional.ofNullable(PEOPLE.get(token)));
      }

      @Override
      public Future<Optional<Principal>> byBearerToken(String token) {
        return Future.succeededFuture(Optional.ofNullable(PEOPLE.get(token)));
      }
    }));
    Access pilot = Access.of("pilot", "pilot of the working group in the path", (who, ctx) -> Future.succeededFuture(
        PILOTS.getOrDefault(Access.collective(ctx) + "/" + ctx.pathParam("group"), Set.of()).contains(who.username())));
    AccessGate.api(router.post("/api/collectives/:name/groups/:group/meetings"), pilot)
        .handler(ctx -> ctx.response().end("scheduled"));
    AccessGate.page(router.get("/espace/:collective/groups/:group"), Access.MEMBER)
        .handler(ctx -> ctx.response().end("group page"));
    AccessGate.api(router.get("/api/admin/thing"), Access.ADMIN).handler(ctx -> ctx.response().end("admin"));
    AccessGate.api(router.get("/api/collectives/:name/members"), Access.EDITOR).handler(ctx -> ctx.response().end("members"));
    router.route().failureHandler(ctx -> ctx.response()
        .setStatusCode(ctx.failure() instanceof NodeError e ? e.status() : 500).end());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static HttpResponse<String> call(String method, String path, String who) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (who != null) {
      r.header("Authorization", "Bearer " + who);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRoleResolvedByAServiceLetsItsHoldersInAndRefusesTheOthers() throws Exception {
    String meetings = "/api/collectives/alpha/groups/logement/meetings";
    assertEquals(200, call("POST", meetings, "pia").statusCode());
    assertEquals(403, call("POST", meetings, "max").statusCode(), "a member who is not a pilot");
    assertEquals(403, call("POST", "/api/collectives/alpha/groups/sante/meetings", "pia").statusCode(),
        "a pilot of another group");
    HttpResponse<String> anonymous = call("POST", meetings, null);
    assertEquals(401, anonymous.statusCode());
    assertEquals("Bearer realm=\"coordo\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void builtInRolesTakeTheCollectiveFromThePath() throws Exception {
    assertEquals(200, call("GET", "/espace/alpha/groups/logement", "max").statusCode());
    assertEquals(403, call("GET", "/espace/beta/groups/logement", "max").statusCode());
    assertEquals(200, call("GET", "/espace/beta/groups/logement", "ada").statusCode(), "a node admin is everywhere");
    HttpResponse<String> visitor = call("GET", "/espace/alpha/groups/logement", null);
    assertEquals(303, visitor.statusCode());
    assertEquals(AccessGate.LOGIN_PAGE, visitor.headers().firstValue("Location").orElse(""));
    assertEquals(403, call("GET", "/api/collectives/alpha/members", "max").statusCode());
    assertEquals(200, call("GET", "/api/collectives/alpha/members", "eve").statusCode());
    assertEquals(403, call("GET", "/api/admin/thing", "eve").statusCode());
    assertEquals(200, call("GET", "/api/admin/thing", "ada").statusCode());
  }
}
