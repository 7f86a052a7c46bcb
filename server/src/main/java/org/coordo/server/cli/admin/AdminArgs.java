package org.coordo.server.cli.admin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed arguments of an admin subcommand: {@code --config FILE}, options with a value ({@code
 * --name VALUE} or {@code --name=VALUE}), flags, and positional arguments. Unknown options are
 * errors ({@link IllegalArgumentException} with a message for the user).
 */
record AdminArgs(Path config, Map<String, String> options, Set<String> flags, List<String> positional) {

  static AdminArgs parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
    Path config = null;
    Map<String, String> options = new HashMap<>();
    Set<String> flags = new HashSet<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        if (arg.startsWith("-") && arg.length() > 1) {
          throw new IllegalArgumentException("unknown option " + arg);
        }
        positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (flagOptions.contains(name) && eq < 0) {
        flags.add(name);
        continue;
      }
      if (!name.equals("config") && !valueOptions.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (name.equals("config")) {
        config = Path.of(value);
      } else if (options.put(name, value) != null) {
        throw new IllegalArgumentException("--" + name + " given twice");
      }
    }
    return new AdminArgs(config, Map.copyOf(options), Set.copyOf(flags), List.copyOf(positional));
  }

  String option(String name) {
    return options.get(name);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }
}
