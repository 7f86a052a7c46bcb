package org.coordo.server.cli;

import java.util.List;
import org.coordo.server.app.Version;

/** {@code ./coordo version}. */
final class VersionCommand implements Command {

  @Override
  public String name() {
    return "version";
  }

  @Override
  public String summary() {
    return "print the Coordo and Java versions";
  }

  @Override
  public String help() {
    return "Usage: ./coordo version\n\nPrints the Coordo version and the Java runtime it runs on.\n";
  }

  @Override
  public int run(List<String> args, Cli cli) {
    if (!args.isEmpty()) {
      return cli.usageError("version takes no arguments");
    }
    cli.out().println("coordo " + Version.current() + " (Java " + Runtime.version() + ")");
    return Cli.OK;
  }
}
