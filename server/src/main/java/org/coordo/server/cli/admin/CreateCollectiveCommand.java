package org.coordo.server.cli.admin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.coordo.server.cli.Cli;

/** {@code ./coordo admin create-collective NAME --display-name "…" [--description …]}. */
final class CreateCollectiveCommand implements AdminSubcommand {
  private static final String USAGE =
      "./coordo admin create-collective NAME --display-name \"…\" [--description TEXT] [--manually-approves-followers]";

  @Override
  public String name() {
    return "create-collective";
  }

  @Override
  public String summary() {
    return "create a collective (and its Group actor NAME@host)";
  }

  @Override
  public String help() {
    return "Usage: " + USAGE + "\n\n"
        + "NAME is the handle: 1-64 lower-case letters, digits, '_', '.', '-'.\n\n"
        + "Options:\n"
        + "  --display-name TEXT              the name people see (default: NAME)\n"
        + "  --description TEXT               Markdown\n"
        + "  --manually-approves-followers    follow requests wait for an editor\n"
        + "  --config FILE                    configuration file\n";
  }

  @Override
  public int run(List<String> raw, Cli cli, AdminRunner runner) {
    AdminArgs args;
    try {
      args = AdminArgs.parse(raw, Set.of("display-name", "description"), Set.of("manually-approves-followers"));
    } catch (IllegalArgumentException e) {
      return cli.usageError(e.getMessage());
    }
    if (args.positional().size() != 1) {
      return cli.usageError("usage: " + USAGE);
    }
    JsonObject request = new JsonObject()
        .put("name", args.positional().get(0))
        .put("displayName", args.option("display-name"))
        .put("description", args.option("description"))
        .put("manuallyApprovesFollowers", args.flag("manually-approves-followers"));
    return runner.run(cli, args, "create-collective", request).map(result -> {
      cli.out().println("created collective " + result.getString("name") + " (actor " + result.getString("actor") + ")");
      return Cli.OK;
    }).orElse(Cli.FAILED);
  }
}
