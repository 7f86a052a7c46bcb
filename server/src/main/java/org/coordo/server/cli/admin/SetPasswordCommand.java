package org.coordo.server.cli.admin;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.coordo.server.cli.Cli;

/** {@code ./coordo admin set-password NAME [--password-stdin]}: for someone who lost theirs. */
final class SetPasswordCommand implements AdminSubcommand {
  private static final String USAGE = "./coordo admin set-password NAME [--password-stdin]";

  private final Supplier<InputStream> stdin;

  SetPasswordCommand(Supplier<InputStream> stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() {
    return "set-password";
  }

  @Override
  public String summary() {
    return "give a user a new password (their sessions are logged out)";
  }

  @Override
  public String help() {
    return "Usage: " + USAGE + "\n\n"
        + "Options:\n"
        + "  --password-stdin     read the password from the first line of standard input;\n"
        + "                       otherwise prompt on a terminal, or generate one and print it once\n"
        + "  --config FILE        configuration file\n";
  }

  @Override
  public int run(List<String> raw, Cli cli, AdminRunner runner) {
    AdminArgs args;
    try {
      args = AdminArgs.parse(raw, Set.of(), Set.of("password-stdin"));
    } catch (IllegalArgumentException e) {
      return cli.usageError(e.getMessage());
    }
    if (args.positional().size() != 1) {
      return cli.usageError("usage: " + USAGE);
    }
    CreateUserCommand.Password password = CreateUserCommand.obtain(args.flag("password-stdin"), stdin.get(), cli);
    if (password == null) {
      return Cli.USAGE;
    }
    JsonObject request = new JsonObject().put("user", args.positional().get(0)).put("password", password.value());
    return runner.run(cli, args, "set-password", request).map(result -> {
      cli.out().println("new password set for " + result.getString("user") + "; their sessions are logged out");
      if (password.generated()) {
        cli.out().println("password (shown once): " + password.value());
      }
      return Cli.OK;
    }).orElse(Cli.FAILED);
  }
}
