package org.coordo.server.cli.admin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.coordo.server.cli.Cli;

/** {@code ./coordo admin revoke-token --user NAME --id ID}. */
final class RevokeTokenCommand implements AdminSubcommand {
  private static final String USAGE = "./coordo admin revoke-token --user NAME --id ID";

  @Override
  public String name() {
    return "revoke-token";
  }

  @Override
  public String summary() {
    return "revoke one of a user's API tokens";
  }

  @Override
  public String help() {
    return "Usage: " + USAGE + "\n\n"
        + "ID is the token id printed by create-token (also listed by GET /api/me/tokens).\n\n"
        + "Options:\n"
        + "  --user NAME      the token's account\n"
        + "  --id ID          the token id\n"
        + "  --config FILE    configuration file\n";
  }

  @Override
  public int run(List<String> raw, Cli cli, AdminRunner runner) {
    AdminArgs args;
    try {
      args = AdminArgs.parse(raw, Set.of("user", "id"), Set.of());
    } catch (IllegalArgumentException e) {
      return cli.usageError(e.getMessage());
    }
    if (!args.positional().isEmpty() || args.option("user") == null || args.option("id") == null) {
      return cli.usageError("usage: " + USAGE);
    }
    JsonObject request = new JsonObject().put("user", args.option("user")).put("id", args.option("id"));
    return runner.run(cli, args, "revoke-token", request).map(result -> {
      cli.out().println("revoked token " + result.getString("id") + " of " + result.getString("user"));
      return Cli.OK;
    }).orElse(Cli.FAILED);
  }
}
