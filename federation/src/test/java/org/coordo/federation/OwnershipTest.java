package org.coordo.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The pure identity and ownership checks. */
class OwnershipTest {
  static final URI ALICE = URI.create("https://a.example/users/alice");
  static final URI MALLORY = URI.create("https://a.example/users/mallory");
  static final URI GROUP = URI.create("https://a.example/groups/grenoble");

  static JsonObject note(Object attributedTo) {
    return new JsonObject().put("id", "https://a.example/notes/1").put("type", "Note").put("attributedTo", attributedTo);
  }

  @Test
  void originsCompareSchemeHostAndEffectivePort() {
    assertTrue(Ownership.sameOrigin(URI.create("https://A.example:443/x"), URI.create("https://a.example/y")));
    assertFalse(Ownership.sameOrigin(URI.create("http://127.0.0.1:8081/x"), URI.create("http://127.0.0.1:8082/x")));
    assertFalse(Ownership.sameOrigin(URI.create("http://a.example/x"), URI.create("https://a.example/x")));
    assertFalse(Ownership.sameOrigin("not a url", "https://a.example/"));
  }

  @Test
  void originsTakeTheDefaultPortOfTheSchemeAndIgnoreHostCaseUserInfoPathAndFragment() {
    assertTrue(Ownership.sameOrigin("http://a.example:80/x", "http://a.example/y"));
    assertTrue(Ownership.sameOrigin("https://a.example/x", "https://a.example:443/y#k"));
    assertFalse(Ownership.sameOrigin("https://a.example:80/x", "https://a.example/y"));
    assertFalse(Ownership.sameOrigin("http://a.example:443/x", "https://a.example/y"));
    assertTrue(Ownership.sameOrigin("HTTPS://A.Example/x", "https://a.example/y"));
    assertTrue(Ownership.sameOrigin("https://user:pw@a.example/x", "https://a.example/y"));
    assertFalse(Ownership.sameOrigin("https://a.example/x", "https://b.a.example/x"));
    assertFalse(Ownership.sameOrigin("https://a.example.evil/x", "https://a.example/x"));
  }

  @Test
  void originsOfUnreadableHostsOrTextAreNeverTheSame() {
    // a raw IDN host is not read by java.net.URI: no origin, even against itself; punycode compares
    assertFalse(Ownership.sameOrigin("https://exämple.org/x", "https://exämple.org/y"));
    assertTrue(Ownership.sameOrigin("https://xn--exmple-cua.org/x", "https://XN--EXMPLE-CUA.org/y"));
    assertFalse(Ownership.sameOrigin("/users/alice", "https://a.example/users/alice"));
    assertFalse(Ownership.sameOrigin("mailto:a@a.example", "mailto:a@a.example"));
    assertFalse(Ownership.sameOrigin((String) null, "https://a.example/"));
    assertFalse(Ownership.sameOrigin("https://a.example/", (String) null));
    assertFalse(Ownership.sameOrigin("a b", URI.create("https://a.example/")));
    assertFalse(Ownership.sameOrigin("https://a.example/", (URI) null));
    assertTrue(Ownership.sameOrigin("https://a.example/notes/1", URI.create("https://a.example/users/alice")));
    assertFalse(Ownership.sameOrigin((URI) null, (URI) null));
  }

  @Test
  void aFetchedDocumentMustCarryAnIdOfTheOriginThatAnswered() {
    URI finalUrl = URI.create("http://127.0.0.1:8082/users/m");
    assertEquals(URI.create("http://127.0.0.1:8082/users/x"),
        Ownership.requireIdOfOrigin(new JsonObject().put("id", "http://127.0.0.1:8082/users/x"), finalUrl));
    assertThrows(FederationException.class,
        () -> Ownership.requireIdOfOrigin(new JsonObject().put("id", "http://127.0.0.1:8081/users/m"), finalUrl));
    assertThrows(FederationException.class, () -> Ownership.requireIdOfOrigin(new JsonObject(), finalUrl));
    assertThrows(FederationException.class,
        () -> Ownership.requireIdOfOrigin(new JsonObject().put("id", "/users/m"), finalUrl));
  }

  @Test
  void anObjectBelongsToTheAuthorsItNamesNotToItsServer() {
    JsonObject coAuthored = note(new JsonArray().add(ALICE.toString()).add(GROUP.toString()));
    assertTrue(Ownership.mayAuthor(coAuthored, ALICE));
    assertTrue(Ownership.isNamedAuthor(coAuthored, GROUP));
    assertFalse(Ownership.mayAuthor(coAuthored, MALLORY), "same server, not an author");
    assertTrue(Ownership.mayAuthor(note(null), MALLORY), "no author named: the sender's own");
    assertFalse(Ownership.isNamedAuthor(note(null), MALLORY));
    assertTrue(Ownership.isNamedAuthor(new JsonObject().put("id", ALICE.toString()).put("type", "Person"), ALICE));
    assertTrue(Ownership.isNamedAuthor(new JsonObject().put("id", "https://a.example/e/1")
        .put("actor", new JsonObject().put("id", ALICE.toString())), ALICE), "an embedded actor counts");
    assertTrue(Ownership.isOwner(ALICE.toString(), ALICE));
    assertFalse(Ownership.isOwner(ALICE.toString(), MALLORY));
  }

  @Test
  void anEarlierDeleteCountsOnlyAgainstItsOwnSenderOrTheObjectsAuthors() {
    JsonObject byAlice = note(ALICE.toString());
    assertTrue(Ownership.tombstoneApplies(ALICE, ALICE, byAlice));
    assertFalse(Ownership.tombstoneApplies(MALLORY, ALICE, byAlice));
    assertFalse(Ownership.tombstoneApplies(MALLORY, ALICE, null));
    assertTrue(Ownership.tombstoneApplies(GROUP, ALICE, note(new JsonArray().add(ALICE.toString()).add(GROUP.toString()))));
  }
}
