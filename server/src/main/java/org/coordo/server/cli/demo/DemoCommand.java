package org.coordo.server.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Command;
import org.coordo.server.service.account.PasswordHasher;

/**
 * {@code ./coordo demo [--base-port 8081] [--dir ./demo-data]}: three city nodes and a national
 * node in this JVM, seeded with sample content (see {@link DemoFederation}); Ctrl-C stops them.
 */
public final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "run a demo federation: Grenoble, Lille, Toulouse and a national node on loopback";
  }

  @Override
  public String help() {
    return """
        Usage: ./coordo demo [--base-port PORT] [--dir DIR]

        Starts four nodes in this process, on 127.0.0.1: Grenoble (PORT), Lille (PORT+1),
        Toulouse (PORT+2) and the national node (PORT+3), with their data in DIR/<name>.
        Creates each collective and its editor, makes the national group follow the cities,
        and publishes sample calls, AG minutes and events through the JSON API (once: running
        the demo again reuses the data). Prints the URLs and the handles; Ctrl-C stops it.

          --base-port PORT   first port (default 8081)
          --dir DIR          data directory (default ./demo-data)
        """;
  }

  @Override
  public int run(List<String> args, Cli cli) {
    int base = 8081;
    Path dir = Path.of("demo-data");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (a.equals("--base-port") && value != null) {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65532) {
          return cli.usageError("--base-port: expected a port from 1 to 65532");
        }
        base = Integer.parseInt(value);
        i++;
      } else if (a.equals("--dir") && value != null) {
        dir = Path.of(value);
        i++;
      } else {
        return cli.usageError("unknown argument " + a + " (see ./coordo demo --help)");
      }
    }
    int[] ports = {base, base + 1, base + 2, base + 3};
    DemoFederation demo = new DemoFederation(dir, ports, PasswordHasher.DEFAULT, cli.out());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cli.out().println("stopping the demo federation…");
      demo.close();
      stopped.countDown();
    }, "coordo-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      demo.start();
      demo.seed();
      demo.printGuide();
    } catch (RuntimeException e) {
      cli.fail("the demo failed: " + e.getMessage());
      Runtime.getRuntime().removeShutdownHook(hook);
      demo.close();
      return Cli.FAILED;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Cli.OK;
  }
}
