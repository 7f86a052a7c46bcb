package org.coordo.server.cli.admin;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.coordo.server.cli.Cli;

/**
 * {@code ./coordo admin create-user NAME --role admin|editor|member [--collective NAME]
 * [--password-stdin]}. Without {@code --password-stdin} it prompts on a terminal, or generates a
 * password and prints it once.
 */
final class CreateUserCommand implements AdminSubcommand {
  private static final String USAGE =
      "./coordo admin create-user NAME --role admin|editor|member [--collective NAME] [--display-name TEXT] [--password-stdin]";
  private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<InputStream> stdin;

  CreateUserCommand(Supplier<InputStream> stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() {
    return "create-user";
  }

  @Override
  public String summary() {
    return "create an account (and its Person actor) with a role";
  }

  @Override
  public String help() {
    return "Usage: " + USAGE + "\n\n"
        + "admin administers the node (with --collective, also editor there); editor and member\n"
        + "need --collective. NAME is also the person's handle (NAME@host).\n\n"
        + "Options:\n"
        + "  --role ROLE          admin, editor or member\n"
        + "  --collective NAME    the collective the role applies to\n"
        + "  --display-name TEXT  the name people see (default: NAME)\n"
        + "  --password-stdin     read the password from the first line of standard input;\n"
        + "                       otherwise prompt on a terminal, or generate one and print it once\n"
        + "  --config FILE        configuration file\n";
  }

  @Override
  public int run(List<String> raw, Cli cli, AdminRunner runner) {
    AdminArgs args;
    try {
      args = AdminArgs.parse(raw, Set.of("role", "collective", "display-name"), Set.of("password-stdin"));
    } catch (IllegalArgumentException e) {
      return cli.usageError(e.getMessage());
    }
    if (args.positional().size() != 1 || args.option("role") == null) {
      return cli.usageError("usage: " + USAGE);
    }
    Password obtained = obtain(args.flag("password-stdin"), stdin.get(), cli);
    if (obtained == null) {
      return Cli.USAGE;
    }
    String password = obtained.value();
    JsonObject request = new JsonObject()
        .put("username", args.positional().get(0))
        .put("displayName", args.option("display-name"))
        .put("password", password)
        .put("role", args.option("role"))
        .put("collective", args.option("collective"));
    boolean printPassword = obtained.generated();
    return runner.run(cli, args, "create-user", request).map(result -> {
      String what = result.getBoolean("admin", false) ? "node admin" : result.getString("role");
      String where = result.getString("collective") == null ? "" : " of " + result.getString("collective");
      if (result.getBoolean("admin", false) && result.getString("collective") != null) {
        what = "node admin, editor";
      }
      cli.out().println("created user " + result.getString("username") + " (" + what + where + ")");
      if (printPassword) {
        cli.out().println("password (shown once): " + password);
      }
      return Cli.OK;
    }).orElse(Cli.FAILED);
  }

  /** The password from stdin, a terminal prompt or generated; null after printing a usage error. */
  static Password obtain(boolean fromStdin, InputStream stdin, Cli cli) {
    if (fromStdin) {
      String line = readLine(stdin);
      if (line == null || line.isEmpty()) {
        cli.usageError("--password-stdin: no password on standard input");
        return null;
      }
      return new Password(line, false);
    }
    if (System.console() != null) {
      String typed = prompt(System.console());
      if (typed == null) {
        cli.usageError("the two passwords differ");
        return null;
      }
      return new Password(typed, false);
    }
    return new Password(generate(), true);
  }

  /** A password and whether it was generated (then it is printed once). */
  record Password(String value, boolean generated) {}

  private static String readLine(InputStream in) {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = reader.readLine();
      return line == null ? null : line.stripTrailing();
    } catch (IOException e) {
      return null;
    }
  }

  private static String prompt(Console console) {
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Again: ");
    try {
      return first != null && Arrays.equals(first, second) ? new String(first) : null;
    } finally {
      if (first != null) {
        Arrays.fill(first, ' ');
      }
      if (second != null) {
        Arrays.fill(second, ' ');
      }
    }
  }

  /** 20 characters from a 57-letter alphabet without look-alikes: about 116 bits. */
  static String generate() {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
