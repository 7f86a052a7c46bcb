package org.coordo.server.service.account;

import static org.coordo.server.service.account.AccountsFixture.await;
import static org.coordo.server.service.account.AccountsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.data.account.AccountKeyspaces;
import org.coordo.server.domain.account.Membership;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.CollectiveService.CollectiveChanges;
import org.coordo.server.service.account.CollectiveService.CollectiveView;
import org.coordo.server.service.account.UserService.NewUser;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectiveAndInvitationTest {
  @TempDir Path dir;
  AccountsFixture f;

  @BeforeEach
  void setUp() {
    f = new AccountsFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void creatingACollectiveCreatesItsGroupActor() {
    CollectiveView v = await(f.accounts.collectives().create(
        "grenoble", "Grenoble", "Collectif **local** <script>alert(1)</script>", true));
    assertEquals("Grenoble", v.collective().displayName());
    assertTrue(v.collective().descriptionHtml().contains("<strong>local</strong>"), v.collective().descriptionHtml());
    assertFalse(v.collective().descriptionHtml().contains("<script"), "sanitised");
    LocalActor actor = await(f.actors.require("grenoble"));
    assertEquals(ActorType.Group, actor.type());
    assertEquals("Grenoble", actor.displayName());
    assertTrue(actor.manuallyApprovesFollowers());

    CollectiveView changed = await(f.accounts.collectives().update("grenoble", new CollectiveChanges(null, null, false)));
    assertFalse(changed.manuallyApprovesFollowers());
    assertFalse(await(f.actors.require("grenoble")).manuallyApprovesFollowers());
    assertEquals("Grenoble", changed.collective().displayName(), "unchanged fields kept");
  }

  @Test
  void namesAreValidatedAndSharedBetweenUsersAndCollectives() {
    NodeError bad = refused(f.accounts.collectives().create("Bad Name", "x", null, false));
    assertEquals(422, bad.status());
    assertTrue(bad.fields().containsKey("name"));
    await(f.accounts.collectives().create("lyon", "Lyon", null, false));
    assertEquals(Map.of("name", "already taken (users and collectives share one name space)"),
        refused(f.accounts.collectives().create("lyon", "Lyon 2", null, false)).fields());
    NodeError userClash = refused(f.accounts.users().create(new NewUser("lyon", null, "long-enough-pw"), false, Map.of()));
    assertTrue(userClash.fields().containsKey("username"), userClash.fields().toString());
    NodeError many = refused(f.accounts.users().create(new NewUser("-x", "", "short"), false, Map.of()));
    assertEquals(List.of("username", "displayName", "password"), List.copyOf(many.fields().keySet()));
    assertEquals(0, TestStores.count(f.store, AccountKeyspaces.USERS), "nothing written");
  }

  @Test
  void usersGetAPersonActorAndRolesInSeveralCollectives() {
    await(f.accounts.collectives().create("lyon", "Lyon", null, false));
    await(f.accounts.collectives().create("paris", "Paris", null, false));
    await(f.accounts.users().create(new NewUser("bob", "Bob", "bob-password"), false, Map.of("lyon", Role.EDITOR)));
    assertEquals(ActorType.Person, await(f.actors.require("bob")).type());
    await(f.accounts.collectives().setRole("paris", "bob", Role.MEMBER));
    Principal bob = principal("bob");
    assertEquals(Map.of("lyon", Role.EDITOR, "paris", Role.MEMBER), bob.roles());
    assertTrue(bob.canPublishFor("lyon"));
    assertFalse(bob.canPublishFor("paris"), "member of paris");
    assertTrue(bob.canDraftFor("paris"));
    assertFalse(bob.canDraftFor("marseille"));

    await(f.accounts.collectives().setRole("paris", "bob", Role.EDITOR));
    assertTrue(principal("bob").canPublishFor("paris"));
    List<Membership> members = await(f.accounts.collectives().members("paris"));
    assertEquals(1, members.size());
    assertEquals(Role.EDITOR, members.get(0).role());

    await(f.accounts.collectives().removeMember("paris", "bob"));
    assertEquals(Map.of("lyon", Role.EDITOR), principal("bob").roles());
    assertEquals(404, refused(f.accounts.collectives().removeMember("paris", "bob")).status());
    assertEquals(404, refused(f.accounts.collectives().members("nowhere")).status());
    assertEquals(422, refused(f.accounts.collectives().setRole("paris", "bob", Role.ADMIN)).status());
  }

  @Test
  void anOrphanActorLeftByACrashIsAdopted() {
    // The actor write happened, the account write did not (crash in between).
    await(f.actors.create("carol", ActorType.Person, "Carol", null, false));
    await(f.accounts.users().create(new NewUser("carol", "Carol", "carol-password"), false, Map.of()));
    assertTrue(await(f.accounts.users().findByUsername("carol")).isPresent());
    // But an actor of another type, or one that is claimed, is not.
    await(f.actors.create("dave", ActorType.Group, "Dave", null, false));
    assertEquals(422, refused(f.accounts.users().create(new NewUser("dave", null, "dave-password"), false, Map.of())).status());
  }

  @Test
  void invitationsCreateTheAccountOnceAndExpire() {
    await(f.accounts.collectives().create("lyon", "Lyon", null, false));
    InvitationService.Issued issued = await(f.accounts.invitations().create("lyon", Role.EDITOR, 3, "cli"));
    assertTrue(issued.link().toString().startsWith("https://coordo.test/invitations/"), issued.link().toString());
    assertTrue(issued.link().toString().endsWith(issued.token()));

    NodeError badInput = refused(f.accounts.invitations().accept(issued.token(), new NewUser("Eve!", null, "x")));
    assertEquals(422, badInput.status());
    await(f.accounts.invitations().accept(issued.token(), new NewUser("eve", "Eve", "eve-password")));
    assertEquals(Map.of("lyon", Role.EDITOR), principal("eve").roles());

    NodeError again = refused(f.accounts.invitations().accept(issued.token(), new NewUser("eve2", null, "eve-password")));
    assertEquals(410, again.status());
    assertTrue(await(f.accounts.users().findByUsername("eve2")).isEmpty());
    assertTrue(await(f.actors.find("eve2")).isEmpty(), "no actor created for a refused invitation");

    InvitationService.Issued later = await(f.accounts.invitations().create("lyon", Role.MEMBER, null, "eve"));
    f.clock.advance(Duration.ofDays(InvitationService.DEFAULT_DAYS).plusSeconds(1));
    assertEquals("This invitation has expired.",
        refused(f.accounts.invitations().accept(later.token(), new NewUser("frank", null, "frank-password"))).safeMessage());
    assertEquals(404, refused(f.accounts.invitations().accept("x".repeat(43), new NewUser("frank", null, "frank-password"))).status());
    assertEquals(404, refused(f.accounts.invitations().create("nowhere", Role.MEMBER, 1, "cli")).status());
    assertEquals(422, refused(f.accounts.invitations().create("lyon", Role.MEMBER, 0, "cli")).status());
    assertEquals(422, refused(f.accounts.invitations().create("lyon", Role.ADMIN, 1, "cli")).status());
  }

  @Test
  void anExistingAccountJoinsAnotherCollectiveWithoutLosingARole() {
    await(f.accounts.collectives().create("lyon", "Lyon", null, false));
    await(f.accounts.collectives().create("paris", "Paris", null, false));
    await(f.accounts.users().create(new NewUser("ivan", null, "ivan-password"), false, Map.of("lyon", Role.EDITOR)));
    String ivan = await(f.accounts.users().requireByUsername("ivan")).id();

    String toParis = await(f.accounts.invitations().create("paris", Role.MEMBER, 1, "cli")).token();
    assertEquals(Role.MEMBER, await(f.accounts.invitations().join(toParis, ivan)).role());
    assertEquals(410, refused(f.accounts.invitations().join(toParis, ivan)).status(), "single use");

    String toLyon = await(f.accounts.invitations().create("lyon", Role.MEMBER, 1, "cli")).token();
    assertEquals(Role.EDITOR, await(f.accounts.invitations().join(toLyon, ivan)).role(), "not lowered");
    assertEquals(Map.of("lyon", Role.EDITOR, "paris", Role.MEMBER), principal("ivan").roles());
  }

  @Test
  void concurrentAcceptsOfOneInvitationCreateOneAccount() {
    await(f.accounts.collectives().create("lyon", "Lyon", null, false));
    String token = await(f.accounts.invitations().create("lyon", Role.MEMBER, 1, "cli")).token();
    var a = f.accounts.invitations().accept(token, new NewUser("gina", null, "gina-password"));
    var b = f.accounts.invitations().accept(token, new NewUser("hugo", null, "hugo-password"));
    int created = 0;
    for (var attempt : List.of(a, b)) {
      try {
        await(attempt);
        created++;
      } catch (AssertionError e) {
        assertTrue(e.getCause() instanceof NodeError ae && ae.status() == 410, String.valueOf(e.getCause()));
      }
    }
    assertEquals(1, created);
    assertEquals(1, TestStores.count(f.store, AccountKeyspaces.USERS));
  }

  private Principal principal(String username) {
    String id = await(f.accounts.users().requireByUsername(username)).id();
    return await(f.accounts.users().principalOf(id)).orElseThrow();
  }
}
