package org.coordo.server.cli.demo;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.RunFile;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.ControlCall;
import org.coordo.server.cli.Command;
import org.coordo.server.config.ConfigException;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;

/**
 * {@code ./coordo follow [--config FILE] --as NAME TARGET}: a local collective (or the national
 * group) follows another collective, on the running node (through its control endpoint, since the
 * Follow is signed, delivered and answered by the node).
 */
public final class FollowCommand implements Command {
  @Override
  public String name() {
    return "follow";
  }

  @Override
  public String summary() {
    return "make a local collective (or the national group) follow another collective";
  }

  @Override
  public String help() {
    return """
        Usage: ./coordo follow [--config FILE] --as NAME TARGET

        The local collective NAME (on a national node, also the national group) follows TARGET,
        a handle (@lille@lille.example) or an actor URL. The node must be running: the command
        asks it through its control endpoint (loopback, control token). The follow stays pending
        until the other side accepts it.

          --config FILE    configuration file (default: conf/node.json if present)
          --as NAME        the local collective that follows
        """;
  }

  @Override
  public int run(List<String> args, Cli cli) {
    Path config = null;
    String as = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--config") || a.equals("--as")) && i + 1 < args.size()) {
        if (a.equals("--config")) {
          config = Path.of(args.get(++i));
        } else {
          as = args.get(++i);
        }
      } else if (a.startsWith("--config=")) {
        config = Path.of(a.substring(9));
      } else if (a.startsWith("--as=")) {
        as = a.substring(5);
      } else if (a.startsWith("-")) {
        return cli.usageError("unknown option " + a);
      } else {
        positional.add(a);
      }
    }
    if (as == null || positional.size() != 1) {
      return cli.usageError("usage: ./coordo follow [--config FILE] --as NAME TARGET");
    }
    NodeConfig node;
    try {
      node = ConfigLoader.load(config, cli.env()).config();
    } catch (ConfigException e) {
      return cli.configError(e);
    }
    DataDir dataDir = new DataDir(node.dataDir());
    Optional<RunFile> running = RunFile.read(dataDir.runFile()).filter(RunFile::processAlive);
    if (running.isEmpty()) {
      return cli.fail("the node is not running (no live run file in " + dataDir.root() + "); start it with ./coordo run");
    }
    Optional<ControlCall.Answer> answer = ControlCall.post(cli, dataDir, running.get(), "/_control/follow",
        new JsonObject().put("as", as).put("target", positional.get(0)), Duration.ofSeconds(60));
    if (answer.isEmpty()) {
      return Cli.FAILED;
    }
    if (!answer.get().ok()) {
      return cli.fail(answer.get().error());
    }
    JsonObject body = answer.get().body();
    cli.out().println(as + " follows " + body.getString("actor") + " (" + body.getString("state") + ")");
    return Cli.OK;
  }
}
