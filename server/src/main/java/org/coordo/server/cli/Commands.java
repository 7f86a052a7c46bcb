package org.coordo.server.cli;

import java.util.List;
import java.util.function.Supplier;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.Modules;
import org.coordo.server.cli.admin.AdminCommand;

/** Every {@code ./coordo} command, in the order {@code --help} lists them. Register new ones here. */
public final class Commands {
  private Commands() {}

  public static List<Command> standard() {
    return standard(Modules::standard);
  }

  /** The standard commands, with {@code run} mounting the given modules (tests add their own). */
  public static List<Command> standard(Supplier<List<HttpModule>> modules) {
    return List.of(
        new RunCommand(modules),
        new BackupCommand(),
        new RestoreCommand(),
        new ConfigCommand(),
        new AdminCommand(), // helper "accounts"
        new org.coordo.server.cli.demo.FollowCommand(), // helper "national"
        new org.coordo.server.cli.demo.DemoCommand(), // helper "national"
        new VersionCommand());
  }
}
