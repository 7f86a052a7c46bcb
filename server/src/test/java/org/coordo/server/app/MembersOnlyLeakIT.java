package org.coordo.server.app;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.federation.FollowState;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.SignedPoster;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak test of members-only publications (issue 16). A whole city node with its pages holds a
 * members-only call, minutes and event of "grenoble" (marker strings in title and body), next to
 * public ones; a whole national node follows grenoble (before and after they exist: outbox backfill
 * and live delivery). Then every route the city node's Vert.x router has mounted (read from
 * {@link io.vertx.ext.web.Router#getRoutes()}, so a new route is walked without editing this test),
 * with every path parameter filled with the internal publications' ids and the other known values,
 * is requested as a stranger, as a member of another collective (session cookie and bearer token),
 * and as a remote server (a GET signed by the national node's group key); every ActivityStreams and
 * JSON link found in the answers on the node is followed too (collections, their pages, outboxes).
 * Fails if a marker or an internal id appears in any answer, if anything about them was queued for
 * delivery, reached the national node's inbox, or was stored there. Members see them.
 */
class MembersOnlyLeakIT {
  static final String MARK = "ZQXLEAK";
  static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
  static final List<String> ACCEPTS = List.of("text/html", "application/activity+json", "application/json");
  static final int MAX_CRAWL = 400;

  @TempDir Path dirA;
  @TempDir Path dirB;

  enum Who { STRANGER, OTHER_COLLECTIVE_COOKIE, OTHER_COLLECTIVE_BEARER, REMOTE_SERVER }

  record Answer(int status, String body) {}

  /** The city node under test, as pages and API clients see it. */
  static final class City {
    final int port = FederatedTestNode.freePort();
    final String base = "http://127.0.0.1:" + port;
    final NoServerErrorIT.RouterCapture capture = new NoServerErrorIT.RouterCapture();
    final Node node;
    String csrf;
    String csrfCookie;

    City(Path dir) {
      this(dir, Map.of());
    }

    City(Path dir, Map<String, String> extraEnv) {
      Map<String, String> env = new HashMap<>(extraEnv);
      env.put("COORDO_PORT", String.valueOf(port));
      env.put("COORDO_PUBLIC_URL", base);
      env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
      node = await(Node.start(TestNodes.config(dir, env), TestNodes.options(true).withRoutes(capture)));
      HttpResponse<String> page = TestNodes.get(port, "/espace/login");
      csrfCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coordo_csrf="))
          .findFirst().orElseThrow().split(";", 2)[0];
      csrf = csrfCookie.substring(csrfCookie.indexOf('=') + 1);
    }

    Accounts accounts() {
      return node.services().accounts();
    }

    String user(String name, Map<String, Role> roles) {
      await(accounts().users().create(new UserService.NewUser(name, name, name + "-password-long"), false, roles));
      return await(accounts().sessions().createToken(name, "leak")).token();
    }

    String sessionCookie(String name) {
      HttpResponse<String> login = TestNodes.post(port, "/api/session", new JsonObject().put("username", name)
          .put("password", name + "-password-long").encode());
      assertEquals(200, login.statusCode(), login.body());
      return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0] + "; " + csrfCookie;
    }

    JsonObject create(String bearer, String kind, JsonObject body) {
      HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(base + "/api/collectives/grenoble/" + kind))
          .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
      assertEquals(201, r.statusCode(), r.body());
      return new JsonObject(r.body());
    }
  }

  @Test
  void noRouteCollectionFeedOrFederationPathRevealsMembersOnlyPublicationsAndMembersSeeThem() throws Exception {
    City a = new City(dirA);
    FederatedTestNode national = FederatedTestNode.national(dirB, "events-and-calls");
    try {
      run(a, national);
    } finally {
      national.close();
      await(a.node.stop());
    }
  }

  @Test
  void inAuthorizedFetchModeARemoteServersVerifiedFetchOfAnInternalPublicationIs404() {
    City a = new City(dirA, Map.of("COORDO_FEDERATION_AUTHORIZED_FETCH", "true"));
    FederatedTestNode remote = FederatedTestNode.national(dirB,
        Map.of("COORDO_FEDERATION_AUTHORIZED_FETCH", "true", "COORDO_NATIONAL_REANNOUNCE", "events-and-calls"));
    try {
      await(a.accounts().collectives().create("grenoble", "Grenoble", "", false));
      String alice = a.user("alice", Map.of("grenoble", Role.EDITOR));
      String internal = a.create(alice, "calls", new JsonObject().put("title", MARK + " interne").put("content", "x")
          .put("visibility", "members").put("publish", true)).getString("url");
      String shown = a.create(alice, "calls", new JsonObject().put("title", "Public").put("content", "x")
          .put("publish", true)).getString("url");
      var fetcher = remote.federation().internals().fetcher();
      // the remote node's signed fetch (its key fetched and verified by the city node) reads the public one…
      assertEquals(shown, Await.result(fetcher.fetchActivityJson(URI.create(shown))).getString("id"));
      // …and gets a 404 for the internal one, exactly as for an unknown id
      Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
          () -> Await.result(fetcher.fetchActivityJson(URI.create(internal))));
      Throwable unknown = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
          () -> Await.result(fetcher.fetchActivityJson(URI.create(a.base + "/collectives/grenoble/calls/0unknown"))));
      assertTrue(String.valueOf(refused).contains("404"), String.valueOf(refused));
      assertEquals(String.valueOf(unknown).replace("0unknown", "ID").replaceAll("calls/[0-9a-z]+", "calls/ID"),
          String.valueOf(refused).replaceAll("calls/[0-9a-z]+", "calls/ID"), "indistinguishable from an unknown id");
      assertFalse(String.valueOf(refused).contains(MARK));
    } finally {
      remote.close();
      await(a.node.stop());
    }
  }

  private void run(City a, FederatedTestNode national) throws Exception {
    await(a.accounts().collectives().create("grenoble", "Grenoble", "Le collectif de Grenoble.", false));
    await(a.accounts().collectives().create("lyon", "Lyon", "Le collectif de Lyon.", false));
    String alice = a.user("alice", Map.of("grenoble", Role.EDITOR));
    a.user("bob", Map.of("grenoble", Role.MEMBER));
    String carol = a.user("carol", Map.of("lyon", Role.EDITOR));
    RecordingListener received = new RecordingListener();
    for (String type : List.of("Create", "Update", "Announce", "Delete")) {
      national.federation().internals().listeners().on(type, received);
    }

    // before the national group follows: what it reads by outbox backfill
    List<String> internal = new ArrayList<>();
    JsonObject call = a.create(alice, "calls", new JsonObject().put("title", MARK + "-call Appel interne")
        .put("content", "Texte " + MARK + "-callbody réservé.").put("visibility", "members").put("publish", true));
    internal.add(call.getString("id"));
    String admin = national.admin("root");
    national.json("POST", "/api/admin/national/follows", admin,
        new JsonObject().put("target", "@grenoble@127.0.0.1:" + a.port), 200);
    Await.until("national follows grenoble", () -> Await.result(national.federation().internals().worker()
            .executeBlocking(() -> national.federation().internals().follows().findFollowing("national",
                URI.create(a.base + "/actors/grenoble")), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
    // after: what live delivery would carry
    internal.add(a.create(alice, "minutes", new JsonObject().put("title", MARK + "-minutes CR interne")
        .put("content", "Décisions " + MARK + "-minutesbody.").put("assemblyDate", "2026-02-20")
        .put("decisions", new JsonArray().add(MARK + "-decision")).put("visibility", "members").put("publish", true))
        .getString("id"));
    String event = a.create(alice, "events", new JsonObject().put("title", MARK + "-event AG interne")
        .put("timezone", "Europe/Paris").put("startTime", "2031-03-14T18:00").put("content", "Salle " + MARK + "-eventbody.")
        .put("location", new JsonObject().put("name", MARK + "-place").put("address", "Grenoble"))
        .put("visibility", "members").put("publish", true)).getString("id");
    internal.add(event);
    // an edit and a cancellation of an internal event stay inside too
    HttpResponse<String> edited = TestNodes.send(HttpRequest.newBuilder(URI.create(a.base + "/api/collectives/grenoble/events/" + event))
        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", MARK + "-event AG interne (salle B)")
            .put("timezone", "Europe/Paris").put("startTime", "2031-03-14T19:00").put("content", "Salle " + MARK + "-eventbody.")
            .encode())).build());
    assertEquals(200, edited.statusCode(), edited.body());
    // public ones next to them: the control that the pipes do carry things
    String publicEvent = a.create(alice, "events", new JsonObject().put("title", "Manif publique")
        .put("timezone", "Europe/Paris").put("startTime", "2031-03-15T14:00").put("content", "Place Grenette.")
        .put("publish", true)).getString("url");
    String publicCall = a.create(alice, "calls", new JsonObject().put("title", "Appel public")
        .put("content", "Venez.").put("publish", true)).getString("id");
    Await.until("the national node got the public event", () -> received.received().stream()
        .anyMatch(x -> x.activity().encode().contains(publicEvent)));
    Await.until("the city's deliveries are done", () -> Await.result(a.node.services().federation().internals()
        .delivery().stats()).queued() == 0);

    Set<String> secrets = new LinkedHashSet<>(internal);
    secrets.add(MARK);
    String carolCookie = a.sessionCookie("carol");
    String carolCalendar = calendarLink(a, carolCookie);
    RequestSigner remote = SignedPoster.signerOf(national.federation(), "national");

    Map<String, List<String>> values = new HashMap<>();
    values.put("name", List.of("grenoble", "lyon"));
    values.put("collective", List.of("grenoble", "lyon"));
    values.put("kind", List.of("calls", "minutes", "events"));
    List<String> ids = new ArrayList<>(internal);
    ids.add(publicCall);
    values.put("id", ids);
    values.put("username", List.of("alice", "bob"));
    values.put("secret", List.of(carolCalendar.substring(carolCalendar.indexOf("/calendar/") + 10,
        carolCalendar.indexOf("/agenda.ics")), "x".repeat(43)));
    values.put("token", List.of("x"));
    values.put("file", List.of("coordo.css"));

    List<Route> routes = a.capture.router.getRoutes().stream()
        .filter(r -> r.getPath() != null && !r.getPath().isEmpty() && r.isExactPath())
        .sorted(Comparator.comparing(Route::getPath)).toList();
    Set<String> walked = new TreeSet<>();
    List<String> leaks = new ArrayList<>();
    Deque<String> crawl = new ArrayDeque<>();
    Set<String> seen = new LinkedHashSet<>();
    int requests = 0;
    for (Route route : routes) {
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty()
          ? Set.of(HttpMethod.GET, HttpMethod.POST) : route.methods();
      for (HttpMethod method : methods) {
        if (method == HttpMethod.OPTIONS || ending(route.getPath()) || (method == HttpMethod.DELETE
            && (route.getPath().equals("/api/session") || route.getPath().startsWith("/api/me/tokens")))) {
          continue;
        }
        walked.add(method + " " + route.getPath());
        for (String path : expand(route.getPath(), values)) {
          for (Who who : Who.values()) {
            boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
            if (!read && who == Who.REMOTE_SERVER) {
              continue;
            }
            for (String accept : read ? ACCEPTS : List.of("text/html")) {
              for (String query : read ? List.of("", "?page=true&limit=100") : List.of("")) {
                Answer answer = request(a, method, path + query, who, accept, carol, carolCookie, remote);
                requests++;
                check(leaks, secrets, method + " " + path + query + " [" + who + ", " + accept + "]", answer);
                if (read && who == Who.STRANGER) {
                  links(a.base, answer.body(), crawl, seen);
                }
              }
            }
          }
        }
      }
    }
    // every link on the node found in the answers: collections, their pages, outboxes, followers…
    int crawled = 0;
    while (!crawl.isEmpty() && crawled < MAX_CRAWL) {
      String path = crawl.poll();
      for (Who who : List.of(Who.STRANGER, Who.REMOTE_SERVER)) {
        for (String accept : List.of("application/activity+json", "text/html")) {
          Answer answer = request(a, HttpMethod.GET, path, who, accept, carol, carolCookie, remote);
          requests++;
          check(leaks, secrets, "GET " + path + " [" + who + ", " + accept + ", crawled]", answer);
          links(a.base, answer.body(), crawl, seen);
        }
      }
      crawled++;
    }
    // the walk really ran as the other collective's member to the end
    assertEquals(200, request(a, HttpMethod.GET, "/api/me", Who.OTHER_COLLECTIVE_COOKIE, "application/json", carol,
        carolCookie, remote).status(), "carol's session is still alive");
    assertEquals(200, request(a, HttpMethod.GET, "/api/me", Who.OTHER_COLLECTIVE_BEARER, "application/json", carol,
        carolCookie, remote).status(), "carol's token is still alive");
    Path report = Path.of("target", "members-only-leak-walk.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, String.join("\n", walked) + "\n\ncrawled:\n" + String.join("\n", seen) + "\n");
    System.out.printf("[leak walk] %d routes of the router, %d (method, route) walked, %d links crawled, %d requests, %d leaks%n",
        routes.size(), walked.size(), crawled, requests, leaks.size());
    assertTrue(leaks.isEmpty(), leaks.size() + " answers reveal members-only publications:\n"
        + String.join("\n", leaks.stream().limit(40).toList()));
    assertTrue(walked.size() > 60, "the walk reached the node's routes: " + walked.size());
    assertTrue(walked.contains("GET /collectives/:name/events.ics") && walked.contains("GET /collectives/:name/calls/:id")
        && walked.contains("GET /actors/:name/outbox") && walked.contains("GET /api/collectives/:name/calls/:id"),
        "the feeds, pages, outbox and API are walked: " + walked);

    // nothing left the node: not queued, not received, not stored on the national node
    for (var x : received.received()) {
      assertFalse(contains(x.activity().encode(), secrets), "the national node received: " + x.activity().encode());
    }
    assertEquals(List.of(), storedWith(a.node, secrets, true), "nothing about them queued for delivery on the city node");
    assertEquals(List.of(), storedWith(national.node, secrets, false), "nothing about them on the national node");
    HttpResponse<String> agenda = national.get("/api/agenda");
    assertTrue(agenda.body().contains("Manif publique"), agenda.body());
    assertFalse(contains(agenda.body(), secrets), agenda.body());

    // members see them: their pages marked internal, the members' space, the API, their private calendar
    String bobCookie = a.sessionCookie("bob");
    for (String kindAndId : List.of("calls/" + internal.get(0), "minutes/" + internal.get(1), "events/" + event)) {
      Answer page = request(a, HttpMethod.GET, "/collectives/grenoble/" + kindAndId, Who.OTHER_COLLECTIVE_COOKIE,
          "text/html", null, bobCookie, null);
      assertEquals(200, page.status(), kindAndId);
      assertTrue(page.body().contains(MARK) && page.body().contains("internal-mark"), kindAndId);
    }
    Answer space = request(a, HttpMethod.GET, "/espace", Who.OTHER_COLLECTIVE_COOKIE, "text/html", null, bobCookie, null);
    for (String marker : List.of(MARK + "-call", MARK + "-minutes", MARK + "-event")) {
      assertTrue(space.body().contains(marker), marker);
    }
    assertTrue(space.body().contains("internal-badge"));
    String bobCalendar = calendarLink(a, bobCookie);
    String ics = TestNodes.get(a.port, URI.create(bobCalendar).getRawPath()).body();
    assertTrue(ics.contains("[interne] " + MARK + "-event") && ics.contains("Manif publique"), ics);
  }

  /** Deleting, logging out and password changes end what later probes need: the walk leaves them out. */
  private static boolean ending(String path) {
    return path.contains("logout") || path.endsWith("/delete") || path.contains("password");
  }

  /** The member's new private calendar link, made from the members' space. */
  static String calendarLink(City a, String cookie) {
    HttpResponse<String> page = TestNodes.send(HttpRequest.newBuilder(URI.create(a.base + "/espace/agenda-prive"))
        .header("Cookie", cookie).header("Origin", a.base).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + a.csrf)).build());
    assertEquals(200, page.statusCode(), page.body());
    Matcher m = Pattern.compile("value=\"(http[^\"]+/calendar/[^\"]+/agenda\\.ics)\"").matcher(page.body());
    assertTrue(m.find(), page.body());
    return m.group(1);
  }

  static List<String> expand(String pattern, Map<String, List<String>> values) {
    List<String> out = new ArrayList<>(List.of(pattern));
    Matcher m = PARAM.matcher(pattern);
    while (m.find()) {
      String name = m.group(1);
      List<String> next = new ArrayList<>();
      for (String partial : out) {
        for (String v : values.getOrDefault(name, List.of("x1"))) {
          next.add(partial.replaceFirst(":" + name + "(?![A-Za-z0-9_])", Matcher.quoteReplacement(v)));
        }
      }
      out = next;
    }
    return out;
  }

  static Answer request(City a, HttpMethod method, String path, Who who, String accept, String carolBearer,
      String cookie, RequestSigner remote) {
    URI uri = URI.create(a.base + path);
    boolean body = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    String form = "csrf=" + a.csrf;
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", accept)
        .method(method.name(), body ? HttpRequest.BodyPublishers.ofString(form) : HttpRequest.BodyPublishers.noBody());
    if (body) {
      b.header("Content-Type", "application/x-www-form-urlencoded").header("Origin", a.base);
    }
    switch (who) {
      case OTHER_COLLECTIVE_COOKIE -> b.header("Cookie", cookie);
      case OTHER_COLLECTIVE_BEARER -> b.header("Authorization", "Bearer " + carolBearer);
      case REMOTE_SERVER -> remote.sign(method.name(), uri, null).forEach((k, v) -> {
        if (!k.equalsIgnoreCase("host")) {
          b.header(k, v);
        }
      });
      default -> { }
    }
    HttpResponse<String> r = TestNodes.send(b.build());
    return new Answer(r.statusCode(), r.body() + "\n" + r.headers().map());
  }

  static void check(List<String> leaks, Set<String> secrets, String what, Answer answer) {
    if (answer.status() >= 500) {
      leaks.add(what + " → " + answer.status());
    }
    for (String s : secrets) {
      // an id the request itself names comes back in links (the language switch): only the markers count there
      if (answer.body().contains(s) && !what.contains(s)) {
        int at = answer.body().indexOf(s);
        leaks.add(what + " → " + answer.status() + " reveals '" + s + "': …"
            + answer.body().substring(Math.max(0, at - 80), Math.min(answer.body().length(), at + 80)).replace('\n', ' ') + "…");
        return;
      }
    }
  }

  static boolean contains(String text, Set<String> secrets) {
    return secrets.stream().anyMatch(text::contains);
  }

  /** Links to this node found in an answer (quoted absolute URLs and root-relative hrefs), queued once. */
  static void links(String base, String body, Deque<String> crawl, Set<String> seen) {
    Matcher m = Pattern.compile("\"(" + Pattern.quote(base) + "|(?=/[a-z.]))(/[^\"\\s<>#]*)\"").matcher(body);
    while (m.find()) {
      String path = m.group(2).replace("&amp;", "&");
      if (path.startsWith("/static/") || path.startsWith("/media/") || ending(path) || seen.size() > MAX_CRAWL * 2) {
        continue;
      }
      try {
        URI.create(base + path);
      } catch (IllegalArgumentException e) {
        continue; // a template ({uri}) or text, not a link
      }
      if (seen.add(path)) {
        crawl.add(path);
      }
    }
  }

  /**
   * Keys and values in a node's store that contain a secret: on the city node only the federation's
   * keyspaces (outbox, delivery queue, activities), which must hold nothing of them; on another node, all.
   */
  static List<String> storedWith(Node node, Set<String> secrets, boolean federationOnly) {
    List<String> names = federationOnly ? org.coordo.federation.FederationKeyspaces.ALL : StorageSchema.KEYSPACES;
    return await(node.services().platform().storage().call(store -> {
      List<String> found = new ArrayList<>();
      for (String name : names) {
        try (KvIterator it = store.keyspace(name).scanPrefix(new byte[0], false)) {
          while (it.hasNext()) {
            KvEntry e = it.next();
            String text = new String(e.key(), StandardCharsets.UTF_8) + " " + new String(e.value(), StandardCharsets.UTF_8);
            if (contains(text, secrets)) {
              found.add(name + ": " + (text.length() > 200 ? text.substring(0, 200) : text));
            }
          }
        }
      }
      return found;
    }));
  }
}
