package org.coordo.server.cli.admin;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Command;

/**
 * {@code ./coordo admin SUBCOMMAND …}: collectives, accounts, invitations and API tokens, for the
 * node's owner. Works on a stopped node (opens the data directory) and on a running one (asks it
 * over the local control endpoint).
 */
public final class AdminCommand implements Command {
  private final List<AdminSubcommand> subcommands;
  private final AdminRunner runner = new AdminRunner();

  public AdminCommand() {
    this(() -> System.in);
  }

  /** @param stdin where {@code --password-stdin} reads from (tests pass their own) */
  public AdminCommand(Supplier<InputStream> stdin) {
    this.subcommands = List.of(
        new CreateCollectiveCommand(),
        new CreateUserCommand(stdin),
        new InviteCommand(),
        new CreateTokenCommand(),
        new RevokeTokenCommand(),
        new SetPasswordCommand(stdin));
  }

  @Override
  public String name() {
    return "admin";
  }

  @Override
  public String summary() {
    return "manage collectives, accounts, invitations and API tokens";
  }

  @Override
  public String help() {
    StringBuilder text = new StringBuilder("Usage: ./coordo admin SUBCOMMAND [OPTIONS]\n\nSubcommands:\n");
    for (AdminSubcommand s : subcommands) {
      text.append(String.format("  %-18s %s%n", s.name(), s.summary()));
    }
    text.append("\nThey work whether the node runs or not, and take --config FILE.\n");
    // ./coordo admin SUB --help lands here too (the command line answers --help for "admin"):
    // so this help carries every subcommand's own.
    for (AdminSubcommand s : subcommands) {
      text.append("\n").append(s.help());
    }
    return text.toString();
  }

  @Override
  public int run(List<String> args, Cli cli) {
    if (args.isEmpty()) {
      cli.err().print(help());
      return Cli.USAGE;
    }
    Optional<AdminSubcommand> sub = subcommands.stream().filter(s -> s.name().equals(args.get(0))).findFirst();
    if (sub.isEmpty()) {
      return cli.usageError("unknown admin subcommand '" + args.get(0) + "' (see ./coordo admin --help)");
    }
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      cli.out().print(sub.get().help());
      return Cli.OK;
    }
    return sub.get().run(rest, cli, runner);
  }
}
