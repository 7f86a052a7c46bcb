package org.coordo.server.app;

import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.slf4j.LoggerFactory;

/**
 * The real command line, with one extra test route {@code GET /test/slow?ms=N} that answers "done"
 * after N ms and logs "slow request started" when it begins. Run in a child JVM by {@link
 * ShutdownIT}.
 */
public final class SlowNodeMain {
  private SlowNodeMain() {}

  static final class SlowRoute implements RouteMounter {
    @Override
    public void mount(Router router, NodeServices node) {
      router.get("/test/slow").handler(rc -> {
        long ms = Long.parseLong(rc.request().getParam("ms", "1000"));
        LoggerFactory.getLogger(SlowNodeMain.class).info("slow request started");
        node.platform().vertx().setTimer(ms, t -> rc.response().end("done"));
      });
    }
  }

  public static void main(String[] args) {
    Cli cli = new Cli(Commands.standard(() -> {
      return NodeOptions.standard().withRoutes(new SlowRoute());
    }), System.getenv(), System.out, System.err);
    System.exit(cli.run(args));
  }
}
