package org.coordo.server.cli;

import java.util.List;

/** One {@code ./coordo} command. Registered in {@link Commands}. */
public interface Command {

  /** The word typed after {@code ./coordo}. */
  String name();

  /** One line for {@code ./coordo --help}. */
  String summary();

  /** The full help of {@code ./coordo NAME --help}: usage line, arguments, options. */
  String help();

  /**
   * Runs the command; {@code --help} is handled before. Returns the exit status: {@link Cli#OK},
   * {@link Cli#FAILED} or {@link Cli#USAGE} (bad arguments or configuration).
   */
  int run(List<String> args, Cli cli);
}
