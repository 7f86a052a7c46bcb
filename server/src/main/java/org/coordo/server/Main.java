package org.coordo.server;

import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;

/** {@code java -jar coordo.jar COMMAND …}: see {@code ./coordo --help}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new Cli(Commands.standard(), System.getenv(), System.out, System.err).run(args));
  }
}
