package org.coordo.server.api.aggregation;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.coordo.federation.Federation;
import org.coordo.federation.testkit.Await;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;

/**
 * A whole federating node for aggregation tests: the modules {@code ./coordo demo} runs (federation,
 * accounts with cheap hashing, publishing, aggregation), RocksDB under the test's directory, HTTP
 * on 127.0.0.1 on a port chosen first (so that the public URL names it), private addresses allowed.
 */
public final class FederatedTestNode implements AutoCloseable {
  public final Node node;
  public final String base;
  public final int port;

  private FederatedTestNode(Path dir, String role, Map<String, String> extraEnv) {
    this(dir, role, extraEnv, freePort());
  }

  private FederatedTestNode(Path dir, String role, Map<String, String> extraEnv, int port) {
    this.port = port;
    base = "http://127.0.0.1:" + port;
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("COORDO_PORT", String.valueOf(port));
    env.put("COORDO_PUBLIC_URL", base);
    env.put("COORDO_ROLE", role);
    env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    node = TestNodes.await(Node.start(TestNodes.config(dir, env), TestNodes.options(false))); // 30 s: a loaded machine starts slowly
  }

  public static FederatedTestNode city(Path dir) {
    return new FederatedTestNode(dir, "city", Map.of());
  }

  public static FederatedTestNode city(Path dir, int port) {
    return new FederatedTestNode(dir, "city", Map.of(), port);
  }

  public static FederatedTestNode national(Path dir, Map<String, String> env) {
    return new FederatedTestNode(dir, "national", env);
  }

  /** A national node on {@code port} (to start it again on the same data and public URL). */
  public static FederatedTestNode national(Path dir, int port) {
    return new FederatedTestNode(dir, "national", Map.of(), port);
  }

  public static FederatedTestNode national(Path dir, String reannounce) {
    return new FederatedTestNode(dir, "national", Map.of("COORDO_NATIONAL_REANNOUNCE", reannounce));
  }

  public Federation federation() {
    return node.services().federation();
  }

  public Accounts accounts() {
    return node.services().accounts();
  }

  /** Creates a collective and its editor; returns the editor's bearer token. */
  public String collectiveWithEditor(String collective, String displayName, String editor) {
    Accounts a = accounts();
    Await.result(a.collectives().create(collective, displayName, "Collectif de " + displayName, false));
    Await.result(a.users().create(new UserService.NewUser(editor, editor, editor + "-password-long"), false,
        Map.of(collective, Role.EDITOR)));
    return Await.result(a.sessions().createToken(editor, "test")).token();
  }

  /** Creates a node administrator; returns a bearer token. */
  public String admin(String name) {
    Accounts a = accounts();
    Await.result(a.users().create(new UserService.NewUser(name, name, name + "-password-long"), true, Map.of()));
    return Await.result(a.sessions().createToken(name, "test")).token();
  }

  public String handle(String name) {
    return "@" + name + "@127.0.0.1:" + port;
  }

  public URI actor(String name) {
    return URI.create(base + "/actors/" + name);
  }

  public HttpResponse<String> get(String path) {
    return TestNodes.get(port, path);
  }

  public HttpResponse<String> send(String method, String path, String token, JsonObject body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return TestNodes.send(b.build());
  }

  public JsonObject json(String method, String path, String token, JsonObject body, int expected) {
    HttpResponse<String> r = send(method, path, token, body);
    if (r.statusCode() != expected) {
      throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    Await.result(node.stop());
  }
}
