package org.coordo.server.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.app.Node;
import org.coordo.server.app.Version;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./coordo run}: starts the node and serves until SIGTERM/SIGINT, then drains in-flight
 * requests, stops, closes the database and exits with status 0 ("stopped cleanly").
 */
final class RunCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  private final Supplier<NodeOptions> options;

  RunCommand(Supplier<NodeOptions> options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "start the node (HTTP server, database) until stopped with SIGTERM or Ctrl-C";
  }

  @Override
  public String help() {
    return "Usage: ./coordo run [--config FILE]\n\n"
        + "Starts one node: HTTP on bindAddress:port, data under dataDir. Once listening it logs\n"
        + "\"listening on http://HOST:PORT\" and writes dataDir/node.run.json. SIGTERM (or Ctrl-C)\n"
        + "stops accepting, lets in-flight requests finish (http.drainSeconds), closes the database\n"
        + "and exits 0.\n\n"
        + "Options:\n" + Args.CONFIG_HELP;
  }

  @Override
  public int run(List<String> rawArgs, Cli cli) {
    Args args = Args.parse(rawArgs);
    if (!args.positional().isEmpty()) {
      return cli.usageError("run takes no arguments");
    }
    ConfigLoader.Loaded loaded = args.loadConfig(cli);
    loaded.warnings().forEach(LOG::warn);
    NodeConfig config = loaded.config();
    LOG.info("starting Coordo {} (pid {}, Java {})", Version.current(), ProcessHandle.current().pid(),
        Runtime.version());
    Node node;
    try {
      node = Node.start(config, options.get()).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      LOG.debug("start failed", e.getCause());
      return cli.fail("cannot start: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, config), "coordo-shutdown"));
    try {
      new CountDownLatch(1).await(); // the shutdown hook ends the process
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Cli.OK;
  }

  /**
   * Runs in the shutdown hook. A JVM stopped by a signal would exit 143; a clean stop halts with 0
   * instead (halt: the JVM is already shutting down, exit would block).
   */
  private static void stop(Node node, NodeConfig config) {
    LOG.info("stopping: draining in-flight requests (up to {}s)", config.http().drainTimeout().toSeconds());
    int status = 0;
    try {
      node.stop().toCompletionStage().toCompletableFuture()
          .get(config.http().drainTimeout().toSeconds() + 30, TimeUnit.SECONDS);
      LOG.info("stopped cleanly");
    } catch (ExecutionException | TimeoutException e) {
      LOG.error("stop failed", e);
      status = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 1;
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }
}
