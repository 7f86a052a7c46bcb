package org.coordo.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.config.ConfigLoader;

/**
 * The arguments most commands share: {@code --config FILE} (or {@code --config=FILE}) and
 * positional arguments. Anything else starting with {@code -} is an error.
 *
 * @param config the configuration file, null for the default
 */
record Args(Path config, List<String> positional) {

  static final String CONFIG_HELP = "  --config FILE    configuration file (default: conf/node.json if present)\n";

  /** Parses; throws {@link UsageException} with a message for the user. */
  static Args parse(List<String> args) {
    Path config = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--config")) {
        if (i + 1 >= args.size()) {
          throw new UsageException("--config needs a file");
        }
        config = Path.of(args.get(++i));
      } else if (arg.startsWith("--config=")) {
        config = Path.of(arg.substring("--config=".length()));
      } else if (arg.startsWith("-") && arg.length() > 1) {
        throw new UsageException("unknown option " + arg);
      } else {
        positional.add(arg);
      }
    }
    return new Args(config, List.copyOf(positional));
  }

  ConfigLoader.Loaded loadConfig(Cli cli) {
    return ConfigLoader.load(config, cli.env());
  }
}
