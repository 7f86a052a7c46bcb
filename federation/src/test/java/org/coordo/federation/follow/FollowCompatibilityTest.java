package org.coordo.federation.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.coordo.federation.ActorType;
import org.junit.jupiter.api.Test;

class FollowCompatibilityTest {
  @Test
  void lemmyRefusesEveryFollowerButAPerson() {
    assertEquals(Optional.empty(), FollowCompatibility.refusal(ActorType.Person, "lemmy", "https://lemmy.example/c/x"));
    for (ActorType type : new ActorType[] {ActorType.Group, ActorType.Application}) {
      String message = FollowCompatibility.refusal(type, "lemmy", "https://lemmy.example/c/x").orElseThrow();
      assertTrue(message.startsWith("Lemmy n'accepte"), "French first: " + message);
      assertTrue(message.contains("Lemmy accepts follows of a community from Person accounts only"), message);
      assertTrue(message.contains("https://lemmy.example/c/x"), message);
    }
  }

  @Test
  void otherSoftwareIsNotJudged() {
    for (String software : new String[] {"mastodon", "mobilizon", "gancio", "coordo", "fedify"}) {
      assertEquals(Optional.empty(), FollowCompatibility.refusal(ActorType.Group, software, "https://x.example/a"));
    }
  }
}
