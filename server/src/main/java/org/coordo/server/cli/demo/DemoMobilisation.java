package org.coordo.server.cli.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coordo.server.cli.demo.DemoFederation.Running;

/**
 * What the demo seeds of issue 17, once (each step remembers its result in a file of the node's data
 * directory, read again on the next run): a national day of action that Grenoble's and Lille's events
 * answer (Toulouse not yet), and Grenoble's call co-signed by Lille (Toulouse's invitation left waiting in
 * its members' space). Everything goes through the real JSON API and real federation between the nodes.
 */
final class DemoMobilisation {
  static final String DAY_FILE = "demo-day-of-action";
  static final String COSIGN_FILE = "demo-cosigned-call";

  /** The JSON API as the demo calls it: method, node, path, bearer token, body → the answer's JSON. */
  interface Api {
    JsonObject call(String method, Running node, String path, String token, JsonObject body, int expected);
  }

  /** A day of action: its id on the node that called it, and its address (what events link to). */
  record Day(String id, String url) {}

  private final Api api;
  private final PrintStream out;

  DemoMobilisation(Api api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  /** The national group's day of action, published once; the day of the demo's big demonstration. */
  Day dayOfAction(Running national, String token, LocalDate day) {
    Path file = national.node().services().platform().config().dataDir().resolve(DAY_FILE);
    Optional<List<String>> known = read(file);
    if (known.isPresent() && known.get().size() == 2) {
      return new Day(known.get().get(0), known.get().get(1));
    }
    JsonObject body = new JsonObject()
        .put("title", "Journée nationale d'action : le social n'est pas à vendre")
        .put("content", "La coordination nationale appelle **toutes les villes** à une journée d'action le "
            + day + " : manifestations, rassemblements et AG publiques. Chaque collectif relie ici son "
            + "rendez-vous depuis son espace membres.")
        .put("actionDay", new JsonObject().put("firstDay", day.toString())
            .put("theme", "Le social n'est pas à vendre"))
        .put("publish", true);
    JsonObject made = api.call("POST", national, "/api/collectives/" + national.spec().name() + "/calls", token,
        body, 201);
    Day result = new Day(made.getString("id"), made.getString("url"));
    write(file, result.id() + "\n" + result.url() + "\n");
    out.println(national.spec().displayName() + ": day of action published for " + day);
    return result;
  }

  /**
   * Grenoble invites Lille and Toulouse to co-sign its call; Lille signs (from its own node, after the
   * invitation arrived there). Returns the call's page.
   */
  String cosign(Running author, String authorToken, String callId, String callUrl, Running signer,
      String signerToken, Running waiting) {
    Path file = author.node().services().platform().config().dataDir().resolve(COSIGN_FILE);
    Optional<List<String>> known = read(file);
    if (known.isPresent() && !known.get().isEmpty()) {
      return known.get().get(0);
    }
    String base = "/api/collectives/" + author.spec().name() + "/calls/" + callId + "/signatories";
    for (Running invited : List.of(signer, waiting)) {
      api.call("POST", author, base + "/invitations", authorToken, new JsonObject().put("handle", invited.handle()),
          201);
    }
    api.call("PUT", author, base + "/text", authorToken, new JsonObject().put("signatories", new JsonArray()
        .add(new JsonObject().put("name", "Union syndicale des travailleurs sociaux de l'Isère"))
        .add(new JsonObject().put("name", "Collectif des éducateurs précaires"))), 200);
    String invitation = awaitInvitation(signer, signerToken, callUrl);
    api.call("POST", signer, "/api/collectives/" + signer.spec().name() + "/cosign/incoming/" + invitation
        + "/accept", signerToken, new JsonObject(), 200);
    write(file, callUrl + "\n");
    out.println(author.spec().displayName() + ": call co-signed by " + signer.spec().displayName() + ", "
        + waiting.spec().displayName() + "'s invitation waiting in its members' space");
    return callUrl;
  }

  private String awaitInvitation(Running signer, String token, String callUrl) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonArray list = api.call("GET", signer, "/api/collectives/" + signer.spec().name() + "/cosign/incoming",
          token, null, 200).getJsonArray("invitations", new JsonArray());
      for (Object o : list) {
        JsonObject i = (JsonObject) o;
        if (callUrl.equals(i.getString("call")) || callUrl.equals(i.getString("callUrl"))) {
          return i.getString("id");
        }
      }
      sleep(Duration.ofMillis(200)); // polling a real remote node's inbox, with a deadline
    }
    throw new IllegalStateException("the invitation to co-sign did not reach " + signer.spec().displayName());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Optional<List<String>> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readAllLines(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
