package org.coordo.server.cli.admin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.coordo.server.cli.Cli;

/** {@code ./coordo admin create-token --user NAME [--label TEXT]}. */
final class CreateTokenCommand implements AdminSubcommand {
  private static final String USAGE = "./coordo admin create-token --user NAME [--label TEXT]";

  @Override
  public String name() {
    return "create-token";
  }

  @Override
  public String summary() {
    return "print a new API token (Authorization: Bearer …) for a user";
  }

  @Override
  public String help() {
    return "Usage: " + USAGE + "\n\n"
        + "Prints the token once on standard output; the node keeps only its hash. Scripts send it\n"
        + "as 'Authorization: Bearer TOKEN' to the JSON API, acting as that user. Revoke it with\n"
        + "./coordo admin revoke-token --user NAME --id ID.\n\n"
        + "Options:\n"
        + "  --user NAME      the account the token acts as\n"
        + "  --label TEXT     what the token is for\n"
        + "  --config FILE    configuration file\n";
  }

  @Override
  public int run(List<String> raw, Cli cli, AdminRunner runner) {
    AdminArgs args;
    try {
      args = AdminArgs.parse(raw, Set.of("user", "label"), Set.of());
    } catch (IllegalArgumentException e) {
      return cli.usageError(e.getMessage());
    }
    if (!args.positional().isEmpty() || args.option("user") == null) {
      return cli.usageError("usage: " + USAGE);
    }
    JsonObject request = new JsonObject().put("user", args.option("user")).put("label", args.option("label"));
    return runner.run(cli, args, "create-token", request).map(result -> {
      cli.out().println(result.getString("token"));
      cli.err().println("token id " + result.getString("id") + " for " + result.getString("user") + " (shown once)");
      return Cli.OK;
    }).orElse(Cli.FAILED);
  }
}
