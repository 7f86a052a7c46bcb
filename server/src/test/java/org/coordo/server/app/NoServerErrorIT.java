package org.coordo.server.app;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.AccountsFixture;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input gives a 5xx: walks every route the Vert.x router of a real city node and a real national
 * node has mounted (read from {@link Router#getRoutes()}, so that new routes are walked without
 * editing this test) and sends malformed path values, malformed values of every query and form
 * parameter the node reads, and malformed bodies, anonymously, with an admin's session cookie and
 * form token, and with an admin's bearer token. Fails listing every request answered 5xx (or not
 * answered).
 */
class NoServerErrorIT {
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
  private static final List<String> ACCEPTS = List.of("application/activity+json", "text/html", "*/*",
      "application/json", "%%%/;q=x");
  private static final int IN_FLIGHT = 8;
  private static final long ANSWER_WITHIN_MS = 15_000;

  @TempDir static Path dir;
  static Vertx client;
  static HttpClient http;

  /** Captures the router the node mounts its routes on (mounted last, so every route is there). */
  static final class RouterCapture implements RouteMounter {
    volatile Router router;

    @Override
    public void mount(Router r, NodeServices node) {
      router = r;
    }
  }

  enum Identity { ANONYMOUS, SESSION, BEARER }

  record Probe(HttpMethod method, String uri, Identity who, String accept, MalformedInputs.Body body, String input) {
    Probe(HttpMethod method, String uri, Identity who, String accept, MalformedInputs.Body body) {
      this(method, uri, who, accept, body, "valid path");
    }

    String describe() {
      return method + " " + (uri.length() > 160 ? uri.substring(0, 160) + "…" : uri) + " [" + who + ", Accept "
          + accept + (body == null ? "" : ", body: " + body.label() + " (" + body.contentType() + ")") + "]";
    }
  }

  /** A node under test, its routes, and what the walk needs to reach past the first checks. */
  record Walked(Node node, List<Route> routes, Map<String, String> valid, String cookie, String csrf, String bearer) {}

  @BeforeAll
  static void client() {
    client = Vertx.vertx();
    http = client.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxInitialLineLength(16384),
        new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
  }

  @AfterAll
  static void close() {
    await(client.close());
  }

  @Test
  void noInputGivesAServerErrorOnACityNode() {
    walk("city");
  }

  @Test
  void noInputGivesAServerErrorOnANationalNode() {
    walk("national");
  }

  @Test
  void theReportedCasesAnswer400WithAMessage() {
    Walked w = start("city");
    try {
      for (String uri : List.of("/api/agenda?from=%2B99999-01-01T00:00:00Z", "/api/agenda?from=-99999-01-01T00:00:00Z",
          "/api/agenda?to=%2B999999999-12-31T23:59:59-18:00", "/.well-known/webfinger?resource=%%%",
          "/collectives/%%%", "/collectives/grenoble/events/%00")) {
        Map.Entry<Integer, String> answer = await(request(w, new Probe(HttpMethod.GET, uri, Identity.ANONYMOUS,
            "application/json", null)));
        assertEquals(400, answer.getKey(), uri + " → " + answer.getValue());
        String error = new JsonObject(answer.getValue()).getString("error");
        assertTrue(error != null && !error.isBlank() && !error.equals("internal error"), uri + " → " + answer.getValue());
      }
    } finally {
      await(w.node().stop());
    }
  }

  private void walk(String role) {
    Walked w = start(role);
    try {
      List<String> failures = new ArrayList<>();
      long t0 = System.nanoTime();
      Map<Integer, List<Probe>> phases = probes(w);
      long endpoints = phases.values().stream().flatMap(List::stream).map(p -> p.method() + " " + p.input().split(" ")[0])
          .distinct().count();
      System.out.printf("[no-5xx walk] %s node: %d routes in the router, %d (method, path) endpoints walked, "
          + "%d requests to send%n", role, w.routes().size(), endpoints, phases.values().stream().mapToInt(List::size).sum());
      int sent = 0;
      for (var phase : phases.entrySet()) {
        if (phase.getKey() == 2) {
          // before the deleting phase: the walk so far really ran logged in
          assertEquals(200, status(w, new Probe(HttpMethod.GET, "/api/me", Identity.SESSION, "*/*", null)), "session alive");
          assertEquals(200, status(w, new Probe(HttpMethod.GET, "/api/me", Identity.BEARER, "*/*", null)), "token alive");
        }
        failures.addAll(send(w, phase.getValue()));
        sent += phase.getValue().size();
      }
      System.out.printf("[no-5xx walk] %s node: %d routes, %d requests in %d ms, %d distinct (method, route, input) answered 5xx or not at all%n",
          role, w.routes().size(), sent, (System.nanoTime() - t0) / 1_000_000, failures.size());
      failures.stream().limit(500).forEach(f -> System.out.println("[no-5xx walk] " + f));
      assertTrue(failures.isEmpty(), failures.size() + " distinct inputs answered 5xx on the " + role + " node, e.g.:\n"
          + String.join("\n", failures.stream().limit(40).toList()));
    } finally {
      await(w.node().stop());
    }
  }

  private static Walked start(String role) {
    RouterCapture capture = new RouterCapture();
    NodeOptions options = TestNodes.options(true).withMetrics(true).withRoutes(capture);
    Path root = dir.resolve(role + "-" + System.nanoTime());
    try {
      java.nio.file.Files.createDirectories(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Node node = await(Node.start(TestNodes.config(root, Map.of("COORDO_ROLE", role)), options));
    int port = node.port();
    Accounts a = node.services().accounts();
    await(a.collectives().create("grenoble", "Grenoble", "Le **collectif**.", false));
    await(a.users().create(new UserService.NewUser("root", "Root", "root-password-long"), true,
        Map.of("grenoble", Role.EDITOR)));
    String bearer = await(a.sessions().createToken("root", "walk")).token();
    String invitation = await(a.invitations().create("grenoble", Role.MEMBER, 7, "root")).token();

    JsonObject event = new JsonObject().put("title", "AG").put("timezone", "Europe/Paris")
        .put("startTime", "2030-03-14T14:00:00+01:00").put("content", "Place Grenette.");
    var created = TestNodes.send(java.net.http.HttpRequest.newBuilder(TestNodes.uri(port, "/api/collectives/grenoble/events"))
        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event.encode())).build());
    assertEquals(201, created.statusCode(), created.body());
    String eventId = new JsonObject(created.body()).getString("id");

    var login = TestNodes.post(port, "/api/session", new JsonObject().put("username", "root")
        .put("password", "root-password-long").encode());
    assertEquals(200, login.statusCode(), login.body());
    String session = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    var page = TestNodes.send(java.net.http.HttpRequest.newBuilder(TestNodes.uri(port, "/espace/login")).GET().build());
    String csrfCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coordo_csrf="))
        .findFirst().orElseThrow().split(";", 2)[0];
    String csrf = csrfCookie.substring(csrfCookie.indexOf('=') + 1);

    Map<String, String> valid = new LinkedHashMap<>();
    valid.put("name", "grenoble");
    valid.put("collective", "grenoble");
    valid.put("kind", "events");
    valid.put("id", eventId);
    valid.put("username", "root");
    valid.put("token", invitation);
    valid.put("file", "coordo.css");
    valid.put("ref", "x");
    valid.put("operation", "x");
    List<Route> routes = capture.router.getRoutes().stream()
        .filter(r -> r.getPath() != null && !r.getPath().isEmpty())
        .toList();
    return new Walked(node, routes, valid, session + "; " + csrfCookie, csrf, bearer);
  }

  /** The probes, by phase: 0 reads, 1 writes, 2 deletions and logouts (they end what later probes need). */
  private static Map<Integer, List<Probe>> probes(Walked w) {
    Set<String> names = MalformedInputs.queryNames();
    List<MalformedInputs.Body> bodies = MalformedInputs.bodies(MalformedInputs.formNames(), w.csrf());
    Map<Integer, List<Probe>> phases = new java.util.TreeMap<>();
    Set<String> seen = new LinkedHashSet<>();
    AtomicInteger rotate = new AtomicInteger();
    for (Route route : w.routes().stream().sorted(Comparator.comparing(Route::getPath)).toList()) {
      if (!route.isExactPath()) {
        continue; // a prefix route (/api/collectives/*): failure or auth handlers, walked through its endpoints
      }
      String pattern = route.getPath();
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty()
          ? Set.of(HttpMethod.GET, HttpMethod.POST) : route.methods();
      for (HttpMethod method : methods) {
        if (!seen.add(method + " " + pattern)) {
          continue;
        }
        boolean ending = method == HttpMethod.DELETE || pattern.contains("logout") || pattern.endsWith("/delete");
        int phase = ending ? 2 : method == HttpMethod.GET || method == HttpMethod.HEAD ? 0 : 1;
        List<Probe> out = phases.computeIfAbsent(phase, k -> new ArrayList<>());
        boolean hasBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
            || method == HttpMethod.DELETE;
        List<String> params = new ArrayList<>();
        Matcher m = PARAM.matcher(pattern);
        while (m.find()) {
          params.add(m.group(1));
        }
        String path = fill(pattern, w.valid(), null, null);
        for (Identity who : Identity.values()) {
          out.add(new Probe(method, path, who, ACCEPTS.get(0), null, pattern));
          out.add(new Probe(method, path, who, ACCEPTS.get(1), null, pattern));
        }
        for (String accept : ACCEPTS.subList(2, ACCEPTS.size())) {
          out.add(new Probe(method, path, who(rotate), accept, null, pattern));
        }
        for (String query : MalformedInputs.UNDECODABLE_QUERIES) {
          out.add(new Probe(method, path + "?" + query, who(rotate), accept(rotate), null, pattern + " ?" + query));
        }
        for (String param : params) {
          for (String value : MalformedInputs.PATH_VALUES) {
            out.add(new Probe(method, fill(pattern, w.valid(), param, value), who(rotate), accept(rotate), null,
                pattern + " :" + param + "=" + value));
          }
        }
        int more = seen.size();
        for (String name : names) {
          List<String> queryValues = new ArrayList<>(hasBody ? List.of("%00", "+99999-01-01") : MalformedInputs.QUERY_VALUES);
          if (!hasBody) {
            queryValues.add(MalformedInputs.MORE_QUERY_VALUES.get(more++ % MalformedInputs.MORE_QUERY_VALUES.size()));
          }
          for (String value : queryValues) {
            out.add(new Probe(method, path + "?" + name + "=" + value, who(rotate), accept(rotate), null,
                pattern + " ?" + name + "=" + value));
          }
          out.add(new Probe(method, path + "?" + name + "=a&" + name + "=b", who(rotate), accept(rotate), null,
              pattern + " ?" + name + " twice"));
        }
        if (hasBody) {
          // logged in, a body gets past the rights checks; anonymous, it must not crash them either
          for (MalformedInputs.Body body : bodies) {
            out.add(new Probe(method, path, Identity.SESSION, accept(rotate), body, pattern + " body " + body.label()));
            out.add(new Probe(method, path, rotate.get() % 2 == 0 ? Identity.BEARER : Identity.ANONYMOUS,
                accept(rotate), body, pattern + " body " + body.label()));
          }
        }
      }
    }
    return phases;
  }

  /** Anonymous, session, bearer in turn (the accept rotation moves the same counter, so pairs vary). */
  private static Identity who(AtomicInteger rotate) {
    return Identity.values()[(rotate.get() / 2) % 3];
  }

  private static String accept(AtomicInteger rotate) {
    return ACCEPTS.get(rotate.getAndIncrement() % ACCEPTS.size());
  }

  /** The path with valid values, {@code param} (if any) replaced by the raw {@code value}. */
  private static String fill(String pattern, Map<String, String> valid, String param, String value) {
    Matcher m = PARAM.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String v = name.equals(param) ? value : valid.getOrDefault(name, "x1");
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Sends every probe ({@value #IN_FLIGHT} at a time); the 5xx and unanswered ones, described. */
  private static List<String> send(Walked w, List<Probe> probes) {
    Map<String, String> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<Future<Void>> all = new ArrayList<>();
    for (Probe p : probes) {
      slots.acquireUninterruptibly();
      // an unanswered probe is sent once more before it counts: a loaded machine is not a hang
      Future<Void> done = request(w, p).recover(e -> request(w, p)).transform(ar -> {
        slots.release();
        if (ar.failed()) {
          failures.putIfAbsent("no answer " + p.method() + " " + p.input(), p.describe() + " → " + ar.cause());
        } else if (ar.result().getKey() >= 500) {
          failures.putIfAbsent(ar.result().getKey() + " " + p.method() + " " + p.input(),
              p.describe() + " → " + ar.result().getValue());
        }
        return Future.<Void>succeededFuture();
      });
      all.add(done);
    }
    await(Future.all(all));
    return failures.entrySet().stream().map(e -> e.getKey() + "   e.g. " + e.getValue()).toList();
  }

  private static int status(Walked w, Probe p) {
    return await(request(w, p)).getKey();
  }

  private static Future<Map.Entry<Integer, String>> request(Walked w, Probe p) {
    RequestOptions o = new RequestOptions().setMethod(p.method()).setHost("127.0.0.1").setPort(w.node().port())
        .setURI(p.uri()).setIdleTimeout(20_000).addHeader("Accept", p.accept());
    switch (p.who()) {
      case SESSION -> o.addHeader("Cookie", w.cookie());
      case BEARER -> o.addHeader("Authorization", "Bearer " + w.bearer());
      default -> { }
    }
    if (p.body() != null && p.body().contentType() != null) {
      o.addHeader("Content-Type", p.body().contentType());
    }
    Buffer body = p.body() == null ? Buffer.buffer() : p.body().bytes();
    Promise<Map.Entry<Integer, String>> answer = Promise.promise();
    long timer = client.setTimer(ANSWER_WITHIN_MS,
        t -> answer.tryFail("no complete answer within " + ANSWER_WITHIN_MS + " ms"));
    http.request(o)
        .compose(req -> {
          answer.future().onFailure(e -> req.reset());
          return req.send(body);
        })
        .compose(resp -> resp.body().map(b -> {
          String text = b.toString();
          return Map.entry(resp.statusCode(), text.length() > 200 ? text.substring(0, 200) : text);
        }))
        .onComplete(ar -> {
          client.cancelTimer(timer);
          if (ar.succeeded()) {
            answer.tryComplete(ar.result());
          } else {
            answer.tryFail(ar.cause());
          }
        });
    return answer.future();
  }
}
