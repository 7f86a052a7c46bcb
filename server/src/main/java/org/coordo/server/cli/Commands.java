package org.coordo.server.cli;

import java.util.List;
import java.util.function.Supplier;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.cli.admin.AdminCommand;

/** Every {@code ./coordo} command, in the order {@code --help} lists them. Register new ones here. */
public final class Commands {
  private Commands() {}

  public static List<Command> standard() {
    return standard(NodeOptions::standard);
  }

  /** The standard commands, with {@code run} assembling its node with the given options (tests add routes). */
  public static List<Command> standard(Supplier<NodeOptions> options) {
    return List.of(
        new RunCommand(options),
        new BackupCommand(),
        new RestoreCommand(),
        new MigrateStorageCommand(org.coordo.server.app.StorageMigration::openPostgres), // issue 18, helper "pg-ops"
        new ConfigCommand(),
        new AdminCommand(), // helper "accounts"
        new org.coordo.server.cli.demo.FollowCommand(), // helper "national"
        new org.coordo.server.cli.demo.DemoCommand(), // helper "national"
        new VersionCommand());
  }
}
