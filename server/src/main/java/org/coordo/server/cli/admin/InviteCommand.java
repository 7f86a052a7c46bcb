package org.coordo.server.cli.admin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.coordo.server.cli.Cli;

/** {@code ./coordo admin invite --collective NAME --role editor|member [--expires-days N]}. */
final class InviteCommand implements AdminSubcommand {
  private static final String USAGE = "./coordo admin invite --collective NAME --role editor|member [--expires-days N]";

  @Override
  public String name() {
    return "invite";
  }

  @Override
  public String summary() {
    return "print a single-use invitation link to join a collective";
  }

  @Override
  public String help() {
    return "Usage: " + USAGE + "\n\n"
        + "Prints <publicUrl>/invitations/<token> on standard output (send it privately): whoever\n"
        + "opens it first creates an account with that role.\n\n"
        + "Options:\n"
        + "  --collective NAME    the collective to join\n"
        + "  --role ROLE          editor or member\n"
        + "  --expires-days N     validity, 1 to 90 days (default 7)\n"
        + "  --config FILE        configuration file\n";
  }

  @Override
  public int run(List<String> raw, Cli cli, AdminRunner runner) {
    AdminArgs args;
    try {
      args = AdminArgs.parse(raw, Set.of("collective", "role", "expires-days"), Set.of());
    } catch (IllegalArgumentException e) {
      return cli.usageError(e.getMessage());
    }
    if (!args.positional().isEmpty() || args.option("collective") == null || args.option("role") == null) {
      return cli.usageError("usage: " + USAGE);
    }
    Integer days = null;
    if (args.option("expires-days") != null) {
      try {
        days = Integer.parseInt(args.option("expires-days"));
      } catch (NumberFormatException e) {
        return cli.usageError("--expires-days needs a whole number of days");
      }
    }
    JsonObject request = new JsonObject()
        .put("collective", args.option("collective"))
        .put("role", args.option("role"))
        .put("expiresDays", days);
    return runner.run(cli, args, "invite", request).map(result -> {
      cli.out().println(result.getString("link"));
      cli.err().println("invitation to " + result.getString("collective") + " as " + result.getString("role")
          + ", single use, expires " + result.getString("expires"));
      return Cli.OK;
    }).orElse(Cli.FAILED);
  }
}
