package org.coordo.server.app.crash;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.coordo.server.mail.OutgoingMail;

/**
 * The real command line with the production assembly, plus {@code POST /test/mail?count=N}: accepts N
 * messages ({@code crash-I@example.org}, subject {@code crash I}) through {@code NodeServices.mail()} and
 * answers once they are on disk. Run in a child JVM by {@link MailCrashIT}, which kills it.
 */
public final class MailCrashNodeMain {
  private MailCrashNodeMain() {}

  static final class SendRoute implements RouteMounter {
    @Override
    public void mount(Router router, NodeServices node) {
      router.post("/test/mail").respond(rc -> {
        int count = Integer.parseInt(rc.queryParams().get("count"));
        List<OutgoingMail> mails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          mails.add(OutgoingMail.personal("crash-" + i + "@example.org", "Coordo", "crash " + i, "x", null, "notice"));
        }
        return node.mail().sendAll(mails).map(v -> new JsonObject().put("accepted", count));
      });
    }
  }

  public static void main(String[] args) {
    Cli cli = new Cli(Commands.standard(() -> NodeOptions.standard().withRoutes(new SendRoute())),
        System.getenv(), System.out, System.err);
    System.exit(cli.run(args));
  }
}
