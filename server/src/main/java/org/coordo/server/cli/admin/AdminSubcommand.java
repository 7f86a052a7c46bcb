package org.coordo.server.cli.admin;

import java.util.List;
import org.coordo.server.cli.Cli;

/** One {@code ./coordo admin SUBCOMMAND}. Registered in {@link AdminCommand}. */
interface AdminSubcommand {

  String name();

  /** One line for {@code ./coordo admin --help}. */
  String summary();

  /** Full help: usage line and options. */
  String help();

  int run(List<String> args, Cli cli, AdminRunner runner);
}
