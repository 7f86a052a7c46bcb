package org.coordo.server.cli.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coordo.federation.FollowState;
import org.coordo.server.cli.Blocking;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.app.Node;
import org.coordo.server.auth.Role;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.PasswordHasher;
import org.coordo.server.service.account.UserService;

/**
 * A small federation in one JVM, on loopback: three city nodes (Grenoble, Lille, Toulouse) and a
 * national node, each with its own port and data directory ({@code dir/<name>}). {@link #start}
 * starts them (cities first, so that the national node's configured follows reach them), {@link
 * #seed} creates each collective, its editor and, once per node (marker file {@code
 * dir/<name>/demo-seeded}), publishes the sample content through the real JSON API, and
 * {@link #stop} stops every node.
 */
public final class DemoFederation implements AutoCloseable {
  public static final String PASSWORD = "coordo-demo-2026";
  static final String ADMIN = "admin";

  /** One node of the demo. */
  public record Spec(String name, String displayName, String editor, boolean national) {}

  public static final List<Spec> SPECS = List.of(
      new Spec("grenoble", "Grenoble", "alice", false),
      new Spec("lille", "Lille", "louise", false),
      new Spec("toulouse", "Toulouse", "theo", false),
      new Spec("national", "Coordination nationale", ADMIN, true));

  /** A started node. */
  public record Running(Spec spec, int port, Node node) {
    public String base() {
      return "http://127.0.0.1:" + port;
    }

    public String handle() {
      return "@" + spec.name() + "@127.0.0.1:" + port;
    }
  }

  private final Path dir;
  private final int[] ports;
  private final PasswordHasher.Params hashing;
  private final PrintStream out;
  private final List<Running> running = new ArrayList<>();
  private String dayPage;
  private String cosignedCall;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param ports one port per entry of {@link #SPECS}, in order */
  public DemoFederation(Path dir, int[] ports, PasswordHasher.Params hashing, PrintStream out) {
    if (ports.length != SPECS.size()) {
      throw new IllegalArgumentException("need " + SPECS.size() + " ports");
    }
    this.dir = dir;
    this.ports = ports.clone();
    this.hashing = hashing;
    this.out = out;
  }

  public List<Running> nodes() {
    return List.copyOf(running);
  }

  public Running node(String name) {
    return running.stream().filter(r -> r.spec().name().equals(name)).findFirst().orElseThrow();
  }

  /** Starts the four nodes; on failure, stops those already started and rethrows. */
  public DemoFederation start() {
    try {
      for (int i = 0; i < SPECS.size(); i++) {
        Spec spec = SPECS.get(i);
        Node node = await(Node.start(config(spec, ports[i]),
            NodeOptions.standard().withHashing(hashing).withFastDelivery(true).withMetrics(false)));
        Running r = new Running(spec, ports[i], node);
        running.add(r);
        ensureAccounts(r); // before the national node starts: its configured follows find the groups
        out.println("started " + spec.displayName() + " on http://127.0.0.1:" + ports[i]);
      }
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private NodeConfig config(Spec spec, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_PORT", String.valueOf(port));
    env.put("COORDO_PUBLIC_URL", "http://127.0.0.1:" + port);
    env.put("COORDO_DATA_DIR", dir.resolve(spec.name()).toString());
    env.put("COORDO_ROLE", spec.national() ? "national" : "city");
    env.put("COORDO_NODE_NAME", spec.national() ? spec.displayName() : "Coordo " + spec.displayName());
    env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    // mail (helper "mail-core"): written as .eml files where a person can read them, never sent
    env.put("COORDO_MAIL_TRANSPORT", "directory");
    env.put("COORDO_MAIL_DIRECTORY", mailDirectory().toString());
    env.put("COORDO_MAIL_FROM", spec.name() + "@coordo.localhost");
    env.put("COORDO_MAIL_RATE", "50");
    if (spec.national()) {
      List<String> follow = new ArrayList<>();
      for (int i = 0; i < SPECS.size(); i++) {
        if (!SPECS.get(i).national()) {
          follow.add("@" + SPECS.get(i).name() + "@127.0.0.1:" + ports[i]);
        }
      }
      env.put("COORDO_NATIONAL_GROUP", spec.name());
      env.put("COORDO_NATIONAL_FOLLOW", String.join(",", follow));
      env.put("COORDO_NATIONAL_REANNOUNCE", "events-and-calls");
    }
    Path file = dir.resolve(spec.name() + ".json");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, "{}"); // every setting is given above; conf/node.json is not read
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(file, env).config();
  }

  /** Creates (idempotently) the node's collective and its editor (the national node: a node admin). */
  private void ensureAccounts(Running r) {
    Accounts a = r.node().services().accounts();
    if (!r.spec().national() && await(a.collectives().find(r.spec().name())).isEmpty()) {
      await(a.collectives().create(r.spec().name(), "Collectif " + r.spec().displayName(),
          "Assemblées, appels et rendez-vous du collectif de " + r.spec().displayName() + ".", false));
    }
    if (await(a.users().findByUsername(r.spec().editor())).isEmpty()) {
      await(a.users().create(new UserService.NewUser(r.spec().editor(), r.spec().editor(), PASSWORD),
          r.spec().national(), r.spec().national() ? Map.of() : Map.of(r.spec().name(), Role.EDITOR)));
    }
  }

  /**
   * Waits for the national follows (made at the national node's start), then publishes each city's
   * sample content once, through the JSON API.
   */
  public void seed() {
    Running national = running.stream().filter(r -> r.spec().national()).findFirst().orElseThrow();
    waitForNationalFollows(national);
    LocalDate today = LocalDate.now(NodeTime.DEFAULT_ZONE);
    DemoMobilisation mobilisation = new DemoMobilisation(this::call, out);
    // issue 17: the national day of action first, so that the cities' events can answer it
    DemoMobilisation.Day day = mobilisation.dayOfAction(national, token(national), today.plusDays(DemoContent.DAY_OF_ACTION));
    dayPage = national.base() + "/days/" + day.id();
    String grenobleCall = null;
    for (Running r : running) {
      if (r.spec().national()) {
        continue;
      }
      Path marker = dir.resolve(r.spec().name()).resolve("demo-seeded");
      if (Files.exists(marker)) {
        out.println(r.spec().displayName() + ": sample content already published");
        continue;
      }
      String token = token(r);
      int n = 0;
      for (DemoContent.Item item : DemoContent.forCity(r.spec().name(), today, day.url())) {
        JsonObject made = call("POST", r, "/api/collectives/" + r.spec().name() + "/" + item.segment(), token,
            item.body(), 201);
        if (r.spec().name().equals("grenoble") && item.segment().equals("calls") && grenobleCall == null) {
          grenobleCall = made.getString("id") + " " + made.getString("url");
        }
        n++;
      }
      try {
        Files.writeString(marker, today + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println(r.spec().displayName() + ": " + n + " sample publications published");
    }
    Running grenoble = node("grenoble");
    Running lille = node("lille");
    String[] call = grenobleCall == null ? null : grenobleCall.split(" ");
    cosignedCall = call == null ? readFirstLine(dir.resolve("grenoble").resolve(DemoMobilisation.COSIGN_FILE))
        : mobilisation.cosign(grenoble, token(grenoble), call[0], call[1], lille, token(lille), node("toulouse"));
  }

  private String token(Running r) {
    return await(r.node().services().accounts().sessions().createToken(r.spec().editor(), "demo")).token();
  }

  private static String readFirstLine(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).stream().findFirst().orElse(null) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void waitForNationalFollows(Running national) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      long accepted = await(national.node().services().fed().following(national.spec().name()))
          .stream().filter(f -> f.state() == FollowState.ACCEPTED).count();
      if (accepted >= SPECS.size() - 1) {
        return;
      }
      try {
        Thread.sleep(200); // polling the follow state of real remote nodes, with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    out.println("warning: the national group's follows are not all accepted yet; content will arrive by backfill");
  }

  /** One JSON API call as an API client makes it; anything but {@code expected} stops the demo. */
  private JsonObject call(String method, Running r, String path, String token, JsonObject body, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(r.base() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** What to open and how to sign in, printed last, after the nodes' start-up log lines. */
  public void printGuide() {
    System.err.flush();
    out.print(guide(running, mailDirectory(), dayPage, cosignedCall));
    out.flush();
  }

  /**
   * The short summary: each node's page (a web page, not a JSON URL) and its login, then the members'
   * space and the handles to follow.
   */
  static String guide(List<Running> nodes) {
    return guide(nodes, null, null, null);
  }

  /** Where every demo node writes its mail ({@code new/*.eml}). */
  Path mailDirectory() {
    return dir.resolve("mail").toAbsolutePath();
  }

  /**
   * The summary, with the directory the nodes' mail goes to, the national day of action's page and the
   * co-signed call (each when not null).
   */
  static String guide(List<Running> nodes, Path mail, String dayPage, String cosignedCall) {
    String rule = "-".repeat(72);
    StringBuilder b = new StringBuilder("\n").append(rule).append('\n')
        .append("Coordo demo: ").append(nodes.size()).append(" nodes running (Ctrl-C stops them)\n\n");
    int width = nodes.stream().mapToInt(r -> r.spec().displayName().length()).max().orElse(0);
    for (Running r : nodes) {
      String page = r.spec().national() ? r.base() + "/" : r.base() + "/collectives/" + r.spec().name();
      b.append("  ").append(pad(r.spec().displayName(), width)).append("  ").append(pad(page, 44))
          .append(" login ").append(r.spec().editor()).append(" / ").append(PASSWORD).append('\n');
    }
    if (!nodes.isEmpty()) {
      b.append("\n  Sign in at ").append(nodes.get(0).base()).append("/espace/login (each node has its own logins).\n")
          .append("  Follow from the fediverse: ")
          .append(String.join("  ", nodes.stream().map(Running::handle).toList())).append('\n');
    }
    if (dayPage != null) {
      b.append("  Day of action (national):  ").append(dayPage).append('\n');
    }
    if (cosignedCall != null) {
      b.append("  Call co-signed by Lille:   ").append(cosignedCall).append('\n');
    }
    if (mail != null) {
      b.append("  Mail is not sent: read it in ").append(mail.resolve("new")).append(" (one .eml file per message).\n");
    }
    return b.append(rule).append('\n').toString();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** Stops every started node, last started first. Idempotent. */
  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        await(running.get(i).node().stop());
      } catch (RuntimeException e) {
        out.println("stopping " + running.get(i).spec().name() + " failed: " + e.getMessage());
      }
    }
    running.clear();
  }

  static <T> T await(Future<T> future) {
    return Blocking.await(future, Duration.ofSeconds(60));
  }
}
