package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs from remote documents, from the inbox's reply path to the public page, on a real node. */
class RemoteUrlsIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static final Principal ALICE = new Principal("u-alice", "alice", false, Map.of("grenoble", Role.EDITOR));

  @BeforeAll
  static void start() {
    n = WebTestNode.start(dir);
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
  }

  @Test
  void aReplyWithADangerousUrlKeepsNoneOfItAndLinksOnlyToItsAuthor() throws Exception {
    Publishing p = n.node.services().publishing();
    Publication target = await(p.service.create(ALICE, "grenoble", PublicationKind.CALL,
        new PublicationInput("Appel aux réponses", null, "Répondez.", "fr", List.of(), null, null), true));
    String targetUrl = n.base + "/collectives/grenoble/calls/" + target.id();
    String eve = "https://masto.example/users/eve";
    List<String> dangerous = List.of("javascript:alert(1)", " JAVASCRIPT:alert(1)", "\u00A0javascript:alert(1)",
        "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
        "//evil.example/x", "https://user@evil.example/");
    for (int i = 0; i < dangerous.size(); i++) {
      String id = eve + "/statuses/danger-" + i;
      assertTrue(await(p.replyService.receiveReply(URI.create(eve), new JsonObject().put("id", id).put("type", "Note")
          .put("attributedTo", eve).put("inReplyTo", targetUrl).put("url", dangerous.get(i))
          .put("content", "<p>Réponse piégée " + i + "</p>"))));
      assertEquals(null, await(p.moderation.approve(ALICE, "grenoble", id)).url(), "not stored: " + dangerous.get(i));
    }
    String good = eve + "/statuses/fine";
    await(p.replyService.receiveReply(URI.create(eve), new JsonObject().put("id", good).put("type", "Note")
        .put("attributedTo", eve).put("inReplyTo", targetUrl).put("url", " https://masto.example/@eve/1")
        .put("content", "<p>Réponse sûre</p>")));
    assertEquals("https://masto.example/@eve/1", await(p.moderation.approve(ALICE, "grenoble", good)).url());

    String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(targetUrl)).header("Accept", "text/html")
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    for (int i = 0; i < dangerous.size(); i++) {
      assertTrue(page.contains("Réponse piégée " + i), "the reply itself is shown");
    }
    String lower = page.toLowerCase(java.util.Locale.ROOT);
    for (String scheme : List.of("javascript:", "vbscript:", "data:text", "evil.example")) {
      assertFalse(lower.contains(scheme), scheme + " appears in the page");
    }
    assertTrue(page.contains("href=\"" + eve + "\""), "a reply without a safe url links to its author");
    assertTrue(page.contains("href=\"https://masto.example/@eve/1\""), "a safe url is kept, trimmed");
  }
}
