package org.coordo.server.cli;

import java.util.List;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.ConfigSchema;

/** {@code ./coordo config check|reference}. */
final class ConfigCommand implements Command {

  @Override
  public String name() {
    return "config";
  }

  @Override
  public String summary() {
    return "check the configuration (config check) or list every key (config reference)";
  }

  @Override
  public String help() {
    return "Usage: ./coordo config check [--config FILE]\n"
        + "       ./coordo config reference\n\n"
        + "check      validates defaults < file < COORDO_* environment and prints every effective\n"
        + "           value with its origin; exit status 2 and one error line if a value is bad.\n"
        + "reference  prints the table of every key (the one in README.md).\n\n"
        + "Options:\n" + Args.CONFIG_HELP;
  }

  @Override
  public int run(List<String> rawArgs, Cli cli) {
    Args args = Args.parse(rawArgs);
    List<String> words = args.positional();
    if (words.equals(List.of("reference"))) {
      cli.out().print(ConfigSchema.markdownTable());
      return Cli.OK;
    }
    if (!words.equals(List.of("check"))) {
      return cli.usageError("usage: ./coordo config check [--config FILE] | ./coordo config reference");
    }
    ConfigLoader.Loaded loaded = args.loadConfig(cli);
    loaded.warnings().forEach(w -> cli.err().println("coordo: warning: " + w));
    for (ConfigLoader.Setting s : loaded.settings()) {
      Object shown = ConfigSchema.SECRETS.contains(s.key()) && !"".equals(s.value()) ? "(set, not shown)" : s.value();
      cli.out().printf("%-36s = %-28s (%s)%n", s.key().path(), shown, s.source());
    }
    cli.out().println(loaded.config().storage().summary());
    cli.out().println(loaded.config().mail().summary());
    cli.out().println("configuration OK");
    return Cli.OK;
  }
}
