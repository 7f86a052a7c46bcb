package org.coordo.server.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.config.ConfigException;

/**
 * The command line: finds the command, handles {@code --help}, and gives commands their
 * environment and output streams (so tests can run them in-process).
 */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private final List<Command> commands;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  public Cli(List<Command> commands, Map<String, String> env, PrintStream out, PrintStream err) {
    this.commands = List.copyOf(commands);
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
  }

  public Map<String, String> env() {
    return env;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public int run(String... args) {
    if (args.length == 0) {
      err.print(overview());
      return USAGE;
    }
    String name = args[0];
    if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
      out.print(overview());
      return OK;
    }
    Optional<Command> command = commands.stream().filter(c -> c.name().equals(name)).findFirst();
    if (command.isEmpty()) {
      return usageError("unknown command '" + name + "' (see ./coordo --help)");
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      out.print(command.get().help());
      return OK;
    }
    try {
      return command.get().run(rest, this);
    } catch (UsageException e) {
      return usageError(e.getMessage());
    } catch (ConfigException e) {
      return configError(e);
    }
  }

  /** Prints {@code coordo: MESSAGE} and returns {@link #FAILED}. */
  public int fail(String message) {
    err.println("coordo: " + message);
    return FAILED;
  }

  /** Prints {@code coordo: MESSAGE} and returns {@link #USAGE}. */
  public int usageError(String message) {
    err.println("coordo: " + message);
    return USAGE;
  }

  /** Prints {@code coordo: config error: …} (one line) and returns {@link #USAGE}. */
  public int configError(ConfigException e) {
    err.println("coordo: config error: " + e.getMessage());
    return USAGE;
  }

  private String overview() {
    StringBuilder text = new StringBuilder("""
        Coordo: a federation server for local collectives (ActivityPub).

        Usage: ./coordo COMMAND [OPTIONS]

        Commands:
        """);
    for (Command command : commands) {
      text.append(String.format("  %-16s %s%n", command.name(), command.summary()));
    }
    text.append("""

        Every command takes --help. Settings come from conf/node.json (or --config FILE)
        and COORDO_* environment variables; see README.md.
        """);
    return text.toString();
  }
}
