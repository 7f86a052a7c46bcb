package org.coordo.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
import org.coordo.federation.RemoteActor;
import org.coordo.federation.Uris;
import org.coordo.federation.remote.RemoteActorDocuments;
import org.coordo.federation.vocab.As;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for ActivityStreams documents from outside: an inbox body through the inbox's pure checks
 * ({@link InboxChecks}: parse, actor, id) and the lenient {@link As} readers, and a fetched actor document
 * through {@link RemoteActorDocuments#toRemoteActor}. Seeds (Mastodon, Mobilizon, GoToSocial, Lemmy-like
 * documents) and regressions: {@code src/test/resources/org/coordo/federation/inbox/ActivityDocumentsFuzzTestInputs/}.
 * See docs/FUZZING.md.
 */
class ActivityDocumentsFuzzTest {
  private static final List<String> PROPERTIES =
      List.of("type", "actor", "object", "to", "cc", "bto", "bcc", "audience", "attributedTo", "tag", "inReplyTo");

  /**
   * Only a {@link FederationException} with a 4xx escapes; what passes the checks has an absolute http(s)
   * actor and an id of the same origin; the readers never return null elements or blank ids; a parsed
   * document encodes to JSON that parses to the same document.
   */
  @FuzzTest
  @Timeout(5)
  void inboxBody(byte[] body) {
    JsonObject activity;
    try {
      activity = InboxChecks.parse(body);
    } catch (FederationException e) {
      assertEquals(400, e.status(), e.getMessage());
      return;
    }
    assertEquals(activity, InboxChecks.parse(activity.encode().getBytes(StandardCharsets.UTF_8)));
    checkReaders(activity);
    URI actor;
    try {
      actor = InboxChecks.actorOf(activity);
    } catch (FederationException e) {
      assertEquals(400, e.status(), e.getMessage());
      return;
    }
    assertHttp(actor);
    assertEquals(actor.toString(), As.idOf(activity.getValue("actor")));
    URI id;
    try {
      id = InboxChecks.idOf(activity, actor);
    } catch (FederationException e) {
      assertEquals(400, e.status(), e.getMessage());
      return;
    }
    assertHttp(id);
    assertTrue(Ownership.sameOrigin(id, actor));
    assertNotNull(InboxChecks.host(actor));
  }

  /**
   * A fetched actor document: only a {@link FederationException} (502, the remote's fault) escapes; an
   * accepted actor has an http(s) inbox, a key owned by the actor and an id matching where it was fetched.
   */
  @FuzzTest
  @Timeout(5)
  void actorDocument(byte[] body) {
    JsonObject doc;
    try {
      doc = InboxChecks.parse(body);
    } catch (FederationException e) {
      return;
    }
    URI requested = URI.create("https://mastodon.example/users/alice");
    if (doc.getValue("id") instanceof String id) {
      requested = Uris.parseHttp(id).orElse(requested); // else keep the default
    }
    RemoteActor actor;
    try {
      actor = RemoteActorDocuments.toRemoteActor(requested, requested, doc);
    } catch (FederationException e) {
      assertEquals(502, e.status(), e.getMessage());
      return;
    }
    assertHttp(actor.inbox());
    if (actor.sharedInbox() != null) {
      assertHttp(actor.sharedInbox());
    }
    assertTrue(actor.id().equals(requested) || Ownership.sameOrigin(actor.id(), requested));
    assertNotNull(actor.publicKeyId());
    assertNotNull(actor.publicKeyPem());
    assertTrue(RemoteActor.ACTOR_TYPES.contains(actor.type()));
  }

  private static void checkReaders(JsonObject activity) {
    for (String property : PROPERTIES) {
      for (Object o : As.oneOrMany(activity, property)) {
        assertNotNull(o);
      }
      for (String id : As.idsOf(activity, property)) {
        assertFalse(id.isBlank());
      }
    }
    String type = As.typeOf(activity);
    if (type != null) {
      assertTrue(As.oneOrMany(activity, "type").contains(type));
    }
    boolean addressedToPublic = As.idsOf(activity, "to").stream().anyMatch(As::isPublicId)
        || As.idsOf(activity, "cc").stream().anyMatch(As::isPublicId);
    assertEquals(addressedToPublic, As.isPublic(activity));
    if (activity.getValue("object") instanceof JsonObject object) {
      As.typeOf(object);
      As.isPublic(object);
    }
  }

  private static void assertHttp(URI uri) {
    assertTrue(uri.isAbsolute(), uri::toString);
    assertTrue(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"), uri::toString);
    assertNotNull(uri.getHost(), uri::toString);
  }
}
