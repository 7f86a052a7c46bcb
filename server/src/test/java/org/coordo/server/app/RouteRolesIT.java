package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.coordo.federation.testkit.Await;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role walk: every route mounted on a whole node (pages included), read back from the Vert.x
 * router, called as a stranger, a member, an editor of collective A, an editor of collective B and a
 * node admin. The rule, the same on every route ({@link AccessGate}): allowed → anything but 401/403
 * and the login redirect (the handler then answers 200, 201, 303, 400, 404, 422 as the request
 * deserves); an anonymous caller of a route that needs an account → 303 to the login page (pages)
 * or 401 (API); a signed-in person without the role → 403; content the reader may not see on a
 * public route (a draft) → 404, as if it did not exist.
 *
 * <p>Three more checks keep a route from escaping: every mounted route carries a declaration (or is
 * a helper on a declared path); this test's own policy (members' space, admin pages, writes, team
 * management) refuses a declaration that is too open; and docs/ROUTES.md is the table of what is
 * mounted ({@code -Droutes.write=true} rewrites it).
 */
class RouteRolesIT {
  static final String A = "alpha";
  static final String B = "beta";
  static final Path ROUTES_MD = Path.of("..", "docs", "ROUTES.md");

  enum Who { STRANGER, MEMBER_A, EDITOR_A, EDITOR_B, NODE_ADMIN }

  @TempDir static Path dir;
  static Node node;
  static String base;
  static final AtomicReference<Router> ROUTER = new AtomicReference<>();
  static final Map<Who, String> TOKENS = new HashMap<>();
  static String draftId;

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_PORT", String.valueOf(port));
    env.put("COORDO_PUBLIC_URL", base);
    node = Await.result(Node.start(TestNodes.config(dir, env),
        TestNodes.options(true).withRoutes((router, services) -> ROUTER.set(router))));
    var accounts = node.services().accounts();
    Await.result(accounts.collectives().create(A, "Alpha", "", false));
    Await.result(accounts.collectives().create(B, "Beta", "", false));
    user(Who.MEMBER_A, "membera", false, Map.of(A, Role.MEMBER));
    user(Who.EDITOR_A, "editora", false, Map.of(A, Role.EDITOR));
    user(Who.EDITOR_B, "editorb", false, Map.of(B, Role.EDITOR));
    user(Who.NODE_ADMIN, "nodeadmin", true, Map.of());
    HttpResponse<String> draft = call("POST", "/api/collectives/" + A + "/calls", Who.MEMBER_A, "api",
        new JsonObject().put("title", "Brouillon interne").put("content", "Pas encore public.").encode());
    assertEquals(201, draft.statusCode(), draft.body());
    draftId = new JsonObject(draft.body()).getString("id");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      Await.result(node.stop());
    }
  }

  private static void user(Who who, String name, boolean admin, Map<String, Role> roles) {
    var accounts = node.services().accounts();
    Await.result(accounts.users().create(new UserService.NewUser(name, name, name + "-password-long"), admin, roles));
    TOKENS.put(who, Await.result(accounts.sessions().createToken(name, "walk")).token());
  }

  /** One declared route and method. */
  record Entry(HttpMethod method, String path, Access access, String surface) {}

  static List<Entry> declared() {
    List<Entry> out = new ArrayList<>();
    for (Route route : ROUTER.get().getRoutes()) {
      if (route.getPath() == null) {
        continue;
      }
      AccessGate.declared(route).ifPresent(access -> {
        Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty()
            ? Set.of(HttpMethod.GET) : route.methods();
        for (HttpMethod m : methods) {
          if (m != HttpMethod.HEAD || !methods.contains(HttpMethod.GET)) {
            out.add(new Entry(m, route.getPath(), access, route.getMetadata(AccessGate.SURFACE)));
          }
        }
      });
    }
    out.sort(Comparator.comparing(Entry::path).thenComparing(e -> e.method().name()));
    return out.stream().distinct().toList();
  }

  @Test
  void everyMountedRouteDeclaresTheRoleItNeeds() {
    Set<String> declaredPaths = new TreeSet<>();
    declared().forEach(e -> declaredPaths.add(e.path()));
    List<String> undeclared = new ArrayList<>();
    for (Route route : ROUTER.get().getRoutes()) {
      String path = route.getPath();
      // helpers (body handlers, refusal pages) sit on a declared path; pathless routes run on every request
      if (path != null && AccessGate.declared(route).isEmpty() && !declaredPaths.contains(path)) {
        undeclared.add(route.methods() + " " + path);
      }
    }
    assertEquals(List.of(), undeclared, "routes mounted without a role (declare them with AccessGate)");
    assertTrue(declared().size() > 60, "the walk sees the whole node: " + declared().size());
  }

  @Test
  void ourOwnPolicyRefusesADeclarationThatIsTooOpen() {
    // open on purpose: signing in, and what a mailed link's holder does (the secret in the path is the credential;
    // a forgotten password is asked for without an account, and always gets the same answer)
    Set<String> linkHolders = Set.of("POST /espace/password/forgot", "POST /espace/password/reset/:token",
        "POST /subscriptions", "POST /subscriptions/confirm/:token", "POST /subscriptions/manage/:id/:key",
        "POST /subscriptions/unsubscribe/:id/:key");
    Set<String> openWrites = new java.util.HashSet<>(Set.of("POST /api/session", "DELETE /api/session",
        "POST /espace/login", "POST /espace/logout", "POST /invitations/:token", "POST /api/invitations/:token/accept"));
    openWrites.addAll(linkHolders);
    Set<String> openSpace = Set.of("GET /espace/login", "POST /espace/login", "POST /espace/logout",
        "GET /espace/password/forgot", "POST /espace/password/forgot", "GET /espace/password/reset/:token",
        "POST /espace/password/reset/:token", "GET /espace/email/confirm/:token");
    List<String> tooOpen = new ArrayList<>();
    for (Entry e : declared()) {
      String id = e.method() + " " + e.path();
      boolean open = e.access() == Access.PUBLIC;
      if (e.path().startsWith("/espace") && open && !openSpace.contains(id)) {
        tooOpen.add(id + ": the members' space needs an account");
      }
      if ((e.path().startsWith("/espace/admin") || e.path().startsWith("/api/admin")) && e.access() != Access.ADMIN) {
        tooOpen.add(id + ": admin pages are for node admins");
      }
      if (e.method() != HttpMethod.GET && e.method() != HttpMethod.HEAD && open && !openWrites.contains(id)) {
        tooOpen.add(id + ": a write open to anyone");
      }
      boolean team = e.path().contains("moderation") || e.path().endsWith("/followers") || e.path().endsWith("/following")
          || e.path().contains("/members") || e.path().endsWith("/invitations") || e.path().endsWith("/publish")
          || e.path().endsWith("/cancel");
      boolean pilot = e.path().contains("/groups") && e.access().id().startsWith("wg-");
      if (team && !pilot && e.access() != Access.PROTOCOL && e.access() != Access.EDITOR && e.access() != Access.ADMIN) {
        tooOpen.add(id + ": managing a collective is for its editors");
      }
    }
    assertEquals(List.of(), tooOpen);
  }

  @Test
  void everyRouteAnswersEachRoleByTheRule() {
    List<String> wrong = new ArrayList<>();
    for (Entry e : declared()) {
      String path = concrete(e);
      for (Who who : Who.values()) {
        HttpResponse<String> r = call(e.method().name(), path, who, e.surface(), null);
        String problem = judge(e, path, who, r);
        if (problem != null) {
          wrong.add(e.method() + " " + path + " as " + who + ": " + problem + " (got " + r.statusCode() + ")");
        }
      }
    }
    if (!wrong.isEmpty()) {
      fail(wrong.size() + " wrong answers:\n" + String.join("\n", wrong));
    }
  }

  @Test
  void theRouteTableInDocsIsCurrent() throws IOException {
    String table = table();
    if (Boolean.getBoolean("routes.write")) {
      Files.writeString(ROUTES_MD, table, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(ROUTES_MD), "docs/ROUTES.md is missing: run with -Droutes.write=true");
    assertEquals(table, Files.readString(ROUTES_MD, StandardCharsets.UTF_8),
        "docs/ROUTES.md is stale: run RouteRolesIT with -Droutes.write=true");
  }

  /** What a role may expect; null when the answer follows the rule. */
  static String judge(Entry e, String path, Who who, HttpResponse<String> r) {
    int status = r.statusCode();
    boolean toLogin = status == 303 && r.headers().firstValue("Location").orElse("").equals(AccessGate.LOGIN_PAGE);
    boolean refused = status == 401 || status == 403 || toLogin;
    Access access = e.access();
    if (access == Access.PROTOCOL) {
      return null; // ActivityPub peers: HTTP signatures are federation's, not a role
    }
    if (access == Access.CONTROL) {
      return status == 401 || status == 403 ? null : "the control token is needed";
    }
    // a working group's roles: the gate checks membership of the collective, the service the group's own
    // role (WorkingGroupsIT); the walk's group does not exist, so members of the collective get its 404
    boolean groupRole = access.id().startsWith("wg-");
    if (groupRole && who == Who.EDITOR_B) {
      return status == 404 ? null : "a working group's route answers 404 outside its collective";
    }
    if (groupRole && who == Who.MEMBER_A && access.id().equals("wg-collective-editor")) {
      // 403 where no group is named (creating one); where one is, the walk's unknown group answers 404 first
      return status == 403 || (path.contains(":group") && status == 404) ? null : "expected 403 (a member, not an editor)";
    }
    boolean allowed = switch (who) {
      case STRANGER -> !access.needsPrincipal();
      case MEMBER_A -> access == Access.PUBLIC || access == Access.SIGNED_IN || access == Access.MEMBER || groupRole;
      case EDITOR_A -> access != Access.ADMIN;
      case EDITOR_B -> access == Access.PUBLIC || access == Access.SIGNED_IN;
      case NODE_ADMIN -> true;
    };
    if (!allowed) {
      if (who == Who.STRANGER) {
        boolean page = "page".equals(e.surface());
        return page ? (toLogin ? null : "expected the login page") : (status == 401 ? null : "expected 401");
      }
      return status == 403 ? null : "expected 403 (signed in, lacking the role)";
    }
    if (refused) {
      return "refused a role that may use it";
    }
    boolean draft = path.contains(draftId) && e.method() == HttpMethod.GET;
    if (draft && (who == Who.STRANGER || who == Who.EDITOR_B) && status != 404) {
      return "a draft must answer 404 outside its collective";
    }
    return status >= 500 ? "server error" : null;
  }

  /** The route's path with sample values: collective A, the draft (reads) or an unknown id (writes). */
  static String concrete(Entry e) {
    boolean read = e.method() == HttpMethod.GET;
    String p = e.path()
        .replace(":collective", A).replace(":name", A).replace(":kind", "calls")
        .replace(":token", "no-such-token").replace(":username", "nobody").replace(":ref", "no-such-reply")
        .replace(":operation", "no-such-operation").replace("*", "x");
    p = p.replace("/static/:file", "/static/coordo.css").replace(":file", "no-such-file.png");
    boolean calls = p.contains("/calls/:id");
    return p.replace(":id", read && calls ? draftId : "01ZZZZZZZZZZZZZZZZZZZZZZZZ");
  }

  static HttpResponse<String> call(String method, String path, Who who, String surface, String json) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .header("Accept", "page".equals(surface) ? "text/html" : "application/json");
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    String token = TOKENS.get(who);
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return TestNodes.send(r.build());
  }

  /** docs/ROUTES.md: every route of a city node with pages, and what it needs. */
  static String table() {
    Map<String, String> roles = new LinkedHashMap<>();
    StringBuilder md = new StringBuilder();
    md.append("# Routes and roles\n\n")
        .append("Generated by `server/src/test/java/org/coordo/server/app/RouteRolesIT.java` from the routes mounted on a\n")
        .append("city node with its pages (a national node adds `/national/…`, `/api/admin/national/…` (admin) and\n")
        .append("`/api/national/reannounce` and `/espace/coordination/requests|dashboard[.csv]` (national-editor: editor of\n")
        .append("the national group), `/coordination` and `/api/coordination/cities` (public),\n")
        .append("declared the same way); the test fails when this file is stale (`-Droutes.write=true` rewrites it).\n")
        .append("Each route declares what it needs where it is registered (`AccessGate.page|api(route, Access.X)`);\n")
        .append("`AccessGate` checks it in one place, before the handler.\n\n")
        .append("The rule: allowed → the handler's answer; anonymous on a route that needs an account → `303` to\n")
        .append("`/espace/login` (pages) or `401` (API); signed in without the role → `403`; content the reader may not\n")
        .append("see on a public route (a draft) → `404`, as if it did not exist.\n\n")
        .append("| method | path | needs | surface |\n|---|---|---|---|\n");
    for (Entry e : declared()) {
      roles.putIfAbsent(e.access().id(), e.access().description());
      md.append("| ").append(e.method()).append(" | `").append(e.path()).append("` | ").append(e.access().id())
          .append(" | ").append(e.surface()).append(" |\n");
    }
    md.append("\n## What each role means\n\n| needs | who |\n|---|---|\n");
    roles.forEach((id, description) -> md.append("| ").append(id).append(" | ").append(description).append(" |\n"));
    return md.toString();
  }
}
