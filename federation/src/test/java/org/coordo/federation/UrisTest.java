package org.coordo.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading URLs from untrusted text, and this node's actor URLs back to their names. */
class UrisTest {
  final Uris uris = new Uris(URI.create("https://lyon.example/"));

  @Test
  void parseHttpKeepsAbsoluteHttpAndHttpsUrlsWithAHost() {
    assertEquals(Optional.of(URI.create("https://a.example/users/alice")), Uris.parseHttp("https://a.example/users/alice"));
    assertEquals(Optional.of(URI.create("http://127.0.0.1:8081/x")), Uris.parseHttp("http://127.0.0.1:8081/x"));
    assertEquals(Optional.of(URI.create("HTTPS://A.EXAMPLE/")), Uris.parseHttp("HTTPS://A.EXAMPLE/"));
    assertEquals(Optional.of(URI.create("https://a.example/n/1#frag")), Uris.parseHttp("https://a.example/n/1#frag"));
    assertEquals(Optional.of(URI.create("https://u:p@a.example/")), Uris.parseHttp("https://u:p@a.example/"));
    assertEquals(Optional.of(URI.create("https://xn--exmple-cua.org/x")), Uris.parseHttp("https://xn--exmple-cua.org/x"));
  }

  @Test
  void parseHttpRefusesOtherSchemesRelativeReferencesAndGarbage() {
    for (String bad : new String[] {null, "", "not a url", "https://a.example/a b", "/users/alice",
        "//a.example/users/alice", "a.example/users/alice", "ftp://a.example/x", "javascript:alert(1)",
        "mailto:a@a.example", "http:foo", "https:///x", "https://exämple.org/x", "urn:uuid:1"}) {
      assertEquals(Optional.empty(), Uris.parseHttp(bad), String.valueOf(bad));
    }
    assertFalse(Uris.isHttp(null));
    assertFalse(Uris.isHttp(URI.create("/relative")));
    assertTrue(Uris.isHttp(URI.create("Http://a.example")));
  }

  @Test
  void parseReadsAnyReferenceAndNeverThrows() {
    assertEquals(Optional.of(URI.create("/relative")), Uris.parse("/relative"));
    assertEquals(Optional.empty(), Uris.parse("a b"));
    assertEquals(Optional.empty(), Uris.parse(null));
  }

  @Test
  void withoutFragmentDropsOnlyTheFragment() {
    assertEquals(URI.create("https://a.example/users/alice"),
        Uris.withoutFragment(URI.create("https://a.example/users/alice#main-key")));
    assertEquals(URI.create("https://a.example/u?q=1"), Uris.withoutFragment(URI.create("https://a.example/u?q=1#k")));
    URI plain = URI.create("https://a.example/users/alice");
    assertEquals(plain, Uris.withoutFragment(plain));
    assertEquals(URI.create("https://a.example/x"), Uris.withoutFragment(URI.create("https://a.example/x#")));
  }

  @Test
  void localActorNameIsTheInverseOfActor() {
    assertEquals(Optional.of("grenoble"), uris.localActorName(uris.actor("grenoble").toString()));
    assertEquals(Optional.of("grenoble"), uris.localActorName(uris.actor("grenoble")));
    assertEquals(Optional.of(Uris.INSTANCE_ACTOR_NAME), uris.localActorName(uris.instanceActor().toString()));
    assertEquals(Optional.of("a.b-c_d"), uris.localActorName("https://lyon.example/actors/a.b-c_d"));
    // the path decides: a key id's fragment (or a query) does not hide the actor
    assertEquals(Optional.of("grenoble"), uris.localActorName("https://lyon.example/actors/grenoble#main-key"));
    assertEquals(Optional.of("grenoble"), uris.localActorName("https://lyon.example/actors/grenoble?x=1"));
  }

  @Test
  void localActorNameIgnoresOtherUrlsAndGarbage() {
    for (String other : new String[] {null, "", "not a url", "https://lyon.example/actors/gre noble",
        "https://paris.example/actors/grenoble", "https://lyon.example:8443/actors/grenoble",
        "http://lyon.example/actors/grenoble", "https://lyon.example/actors/grenoble/outbox",
        "https://lyon.example/actors/grenoble/", "https://lyon.example/actors/Grenoble",
        "https://lyon.example/actors/", "/actors/grenoble", "https://lyon.example.evil/actors/grenoble"}) {
      assertEquals(Optional.empty(), uris.localActorName(other), String.valueOf(other));
    }
  }

  @Test
  void localFollowersOwnerIsTheInverseOfFollowers() {
    assertEquals(Optional.of("grenoble"), uris.localFollowersOwner(uris.followers("grenoble").toString()));
    for (String other : new String[] {null, "garbage here", "https://lyon.example/actors/followers",
        "https://lyon.example/actors//followers", "https://paris.example/actors/grenoble/followers",
        "https://lyon.example/actors/grenoble/following", "https://lyon.example/actors/a/b/followers",
        "https://lyon.example/actors/" + Uris.INSTANCE_ACTOR_NAME + "/followers"}) {
      assertEquals(Optional.empty(), uris.localFollowersOwner(other), String.valueOf(other));
    }
  }
}
