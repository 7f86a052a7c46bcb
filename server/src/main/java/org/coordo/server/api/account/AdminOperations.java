package org.coordo.server.api.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.coordo.federation.Uris;
import org.coordo.server.auth.Role;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService.NewUser;

/**
 * The node-owner operations behind {@code ./coordo admin …}, as JSON in and out so that the same
 * code runs in the command line's own process (node stopped) and in the running node (through
 * {@code POST /_control/admin/:operation}). The caller is the node's owner: no role checks here.
 *
 * <pre>
 * create-collective {name, displayName, description, manuallyApprovesFollowers} → {name, actor}
 * create-user       {username, displayName, password, role, collective}        → {username, admin, collective, role, actor}
 * invite            {collective, role, expiresDays}                             → {link, collective, role, expires}
 * create-token      {user, label}                                               → {token, id, user}
 * revoke-token      {user, id}                                                  → {user, id}
 * set-password      {user, password}                                            → {user} (their sessions are revoked)
 * </pre>
 */
public final class AdminOperations {
  public static final String CREATED_BY = "cli";

  private final Accounts accounts;
  private final Uris uris;

  public AdminOperations(Accounts accounts) {
    this.accounts = accounts;
    this.uris = new Uris(accounts.settings().publicUrl());
  }

  /** Runs one operation; fails with a {@link NodeError} (404 for an unknown operation). */
  public Future<JsonObject> run(String operation, JsonObject args) {
    try {
      return switch (operation) {
        case "create-collective" -> createCollective(args);
        case "create-user" -> createUser(args);
        case "invite" -> invite(args);
        case "create-token" -> createToken(args);
        case "revoke-token" -> revokeToken(args);
        case "set-password" -> setPassword(args);
        default -> Future.failedFuture(NodeError.missing("no such admin operation: " + operation));
      };
    } catch (NodeError e) {
      return Future.failedFuture(e);
    }
  }

  private Future<JsonObject> createCollective(JsonObject args) {
    Boolean manual = ApiReplies.bool(args, "manuallyApprovesFollowers");
    return accounts.collectives().create(
            ApiReplies.string(args, "name"), ApiReplies.string(args, "displayName"),
            ApiReplies.string(args, "description"), manual != null && manual)
        .map(v -> new JsonObject()
            .put("name", v.collective().name())
            .put("actor", uris.actor(v.collective().name()).toString()));
  }

  private Future<JsonObject> createUser(JsonObject args) {
    Role role = Role.parse(ApiReplies.string(args, "role"))
        .orElseThrow(() -> NodeError.invalid("role", "use admin, editor or member"));
    String collective = ApiReplies.string(args, "collective");
    if (role != Role.ADMIN && collective == null) {
      throw NodeError.invalid("collective", "an editor or member needs a collective");
    }
    boolean admin = role == Role.ADMIN;
    Map<String, Role> roles = collective == null ? Map.of() : Map.of(collective, admin ? Role.EDITOR : role);
    NewUser input = new NewUser(
        ApiReplies.string(args, "username"), ApiReplies.string(args, "displayName"), ApiReplies.string(args, "password"));
    return accounts.users().create(input, admin, roles).map(user -> new JsonObject()
        .put("username", user.username())
        .put("admin", user.nodeAdmin())
        .put("collective", collective)
        .put("role", collective == null ? null : roles.get(collective).id())
        .put("actor", uris.actor(user.username()).toString()));
  }

  private Future<JsonObject> invite(JsonObject args) {
    Role role = Role.parse(ApiReplies.string(args, "role")).filter(Role::isCollectiveRole)
        .orElseThrow(() -> NodeError.invalid("role", "use editor or member"));
    String collective = ApiReplies.string(args, "collective");
    if (collective == null) {
      throw NodeError.invalid("collective", "required");
    }
    return accounts.invitations().create(collective, role, ApiReplies.integer(args, "expiresDays"), CREATED_BY)
        .map(issued -> new JsonObject()
            .put("link", issued.link().toString())
            .put("collective", collective)
            .put("role", role.id())
            .put("expires", issued.invitation().expires().toString()));
  }

  private Future<JsonObject> createToken(JsonObject args) {
    String user = required(args, "user");
    return accounts.sessions().createToken(user, ApiReplies.string(args, "label"))
        .map(issued -> new JsonObject()
            .put("token", issued.token())
            .put("id", issued.record().id())
            .put("user", user));
  }

  private Future<JsonObject> revokeToken(JsonObject args) {
    String user = required(args, "user");
    String id = required(args, "id");
    return accounts.users().requireByUsername(user)
        .compose(u -> accounts.sessions().revokeToken(u.id(), id))
        .map(v -> new JsonObject().put("user", user).put("id", id));
  }

  private Future<JsonObject> setPassword(JsonObject args) {
    String user = required(args, "user");
    return accounts.users().resetPassword(user, ApiReplies.string(args, "password"))
        .map(v -> new JsonObject().put("user", user));
  }

  private static String required(JsonObject args, String field) {
    String value = ApiReplies.string(args, field);
    if (value == null || value.isBlank()) {
      throw NodeError.invalid(field, "required");
    }
    return value;
  }
}
