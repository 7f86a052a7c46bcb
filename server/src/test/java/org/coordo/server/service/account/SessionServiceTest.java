package org.coordo.server.service.account;

import org.coordo.server.data.StoreCalls;
import static org.coordo.server.service.account.AccountsFixture.await;
import static org.coordo.server.service.account.AccountsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Map;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.data.account.AccountKeyspaces;
import org.coordo.server.domain.account.User;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.UserService.NewUser;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionServiceTest {
  @TempDir Path dir;
  AccountsFixture f;
  SessionService sessions;

  @BeforeEach
  void setUp() {
    f = new AccountsFixture(dir);
    sessions = f.accounts.sessions();
    await(f.accounts.collectives().create("lyon", "Lyon", null, false));
    await(f.accounts.users().create(new NewUser("alice", "Alice", "alice-password"), false, Map.of("lyon", Role.EDITOR)));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void loginOpensASessionStoredOnlyAsAHash() {
    SessionService.Login login = await(sessions.login("alice", "alice-password", "10.0.0.1"));
    assertEquals(43, login.token().length());
    Principal p = await(sessions.bySessionToken(login.token())).orElseThrow();
    assertEquals("alice", p.username());
    assertEquals(Map.of("lyon", Role.EDITOR), p.roles());
    byte[] stored = TestStores.dump(f.store.keyspace(AccountKeyspaces.SESSIONS)).get(0).key();
    assertTrue(java.util.Arrays.equals(SecretTokens.hash(login.token()), stored), "keyed by SHA-256 of the token");
    assertFalse(new String(TestStores.dump(f.store.keyspace(AccountKeyspaces.SESSIONS)).get(0).value())
        .contains(login.token()), "the token itself is not stored");
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameGenericRefusal() {
    NodeError wrong = refused(sessions.login("alice", "not-her-password", "10.0.0.1"));
    NodeError unknown = refused(sessions.login("nobody", "whatever-password", "10.0.0.1"));
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.safeMessage(), unknown.safeMessage());
  }

  @Test
  void logoutRevokesTheSession() {
    String token = await(sessions.login("alice", "alice-password", "10.0.0.1")).token();
    await(sessions.logout(token));
    assertTrue(await(sessions.bySessionToken(token)).isEmpty());
    assertEquals(0, TestStores.count(f.store, AccountKeyspaces.SESSIONS));
    assertEquals(0, TestStores.count(f.store, AccountKeyspaces.USER_CREDENTIALS));
  }

  @Test
  void idleAndAbsoluteExpiryRefuseTheSession() {
    String idle = await(sessions.login("alice", "alice-password", "10.0.0.1")).token();
    f.clock.advance(SessionPolicy.DEFAULT.idleTimeout().plusMinutes(1));
    assertTrue(await(sessions.bySessionToken(idle)).isEmpty(), "idle too long");

    String active = await(sessions.login("alice", "alice-password", "10.0.0.1")).token();
    for (int day = 0; day < 29; day++) {
      f.clock.advance(Duration.ofDays(1));
      assertTrue(await(sessions.bySessionToken(active)).isPresent(), "used daily, day " + day);
    }
    f.clock.advance(Duration.ofDays(1).plusMinutes(1));
    assertTrue(await(sessions.bySessionToken(active)).isEmpty(), "past the absolute lifetime");
  }

  @Test
  void rateLimitsFailuresPerUsernameAndAddress() {
    for (int i = 0; i < 5; i++) {
      assertEquals(401, refused(sessions.login("alice", "wrong-password-" + i, "10.0.0.9")).status());
    }
    NodeError limited = refused(sessions.login("alice", "alice-password", "10.0.0.9"));
    assertEquals(429, limited.status());
    assertTrue(limited.retryAfter().orElseThrow().compareTo(Duration.ofMinutes(15)) <= 0);
    assertTrue(limited.retryAfter().orElseThrow().compareTo(Duration.ofMinutes(14)) > 0);
    // Another address is not blocked; the window passing lifts the block.
    await(sessions.login("alice", "alice-password", "10.0.0.10"));
    f.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    await(sessions.login("alice", "alice-password", "10.0.0.9"));
  }

  @Test
  void rateLimitCountsUnicodeSpaceCaseAndWidthVariantsOfAUsernameAsOne() {
    List<String> variants = List.of("\u00A0alice", "alice\u2003", "\u3000alice\u3000", "ALICE",
        "\uFF41\uFF4C\uFF49\uFF43\uFF45"); // the last one is full-width "alice"
    for (String variant : variants) {
      assertEquals(401, refused(sessions.login(variant, "wrong-password", "10.0.0.9")).status(), variant);
    }
    assertEquals(429, refused(sessions.login("\u202Falice\u200B", "alice-password", "10.0.0.9")).status(),
        "five failures under five spellings of one name are five failures of that name");
    assertEquals(429, refused(sessions.login("alice", "alice-password", "10.0.0.9")).status());
  }

  @Test
  void aUsernameWithUnicodeSpacesOrCapitalsLogsIntoTheSameAccount() {
    Principal p = await(sessions.login("\u3000Alice\u00A0", "alice-password", "10.0.0.1")).principal();
    assertEquals("alice", p.username());
    NodeError taken = refused(f.accounts.users().create(new NewUser("\u2003ALICE", "Other", "other-password"),
        false, Map.of()));
    assertEquals(422, taken.status());
    assertTrue(String.valueOf(taken.fields().get("username")).startsWith("already taken"),
        "a variant of an existing name is that name: " + taken.fields());
  }

  @Test
  void loginsQueuedBehindBusyHashingAreRefusedWith503() throws Exception {
    WorkerExecutor hashing = f.vertx.createSharedWorkerExecutor("busy-hashing", 1);
    CountDownLatch release = new CountDownLatch(1);
    hashing.executeBlocking(() -> release.await(30, TimeUnit.SECONDS), false); // occupies the only thread
    SessionService busy = new SessionService(AccountStore.on(f.data, StoreCalls.on(f.store, f.worker)), new PasswordHasher(AccountsFixture.CHEAP),
        hashing, new SecretTokens(), LoginRateLimiter.standard(f.clock), SessionPolicy.DEFAULT, f.clock, () -> "id");
    List<Future<SessionService.Login>> queued = new ArrayList<>();
    for (int i = 0; i < SessionService.MAX_PENDING_LOGINS; i++) {
      queued.add(busy.login("alice", "alice-password", "10.1.0." + i));
    }
    NodeError refused = refused(busy.login("alice", "alice-password", "10.2.0.1"));
    assertEquals(503, refused.status());
    assertTrue(refused.retryAfter().isPresent());
    release.countDown();
    for (Future<SessionService.Login> login : queued) {
      assertEquals("alice", await(login).principal().username());
    }
    await(busy.login("alice", "alice-password", "10.2.0.1")); // the queue drained
    await(hashing.close());
  }

  @Test
  void bearerTokensAuthenticateUntilRevoked() {
    SessionService.IssuedToken issued = await(sessions.createToken("alice", "publishing script"));
    Principal p = await(sessions.byBearerToken(issued.token())).orElseThrow();
    assertEquals("alice", p.username());
    assertEquals(1, await(sessions.listTokens(p.userId())).size());
    assertTrue(await(sessions.bySessionToken(issued.token())).isEmpty(), "a token is not a session");
    await(sessions.revokeToken(p.userId(), issued.record().id()));
    assertTrue(await(sessions.byBearerToken(issued.token())).isEmpty());
    assertEquals(404, refused(sessions.revokeToken(p.userId(), issued.record().id())).status());
    assertTrue(await(sessions.byBearerToken("not-a-token")).isEmpty());
  }

  @Test
  void passwordChangeChecksTheOldOneAndRevokesOtherSessions() {
    SessionService.Login kept = await(sessions.login("alice", "alice-password", "10.0.0.1"));
    SessionService.Login other = await(sessions.login("alice", "alice-password", "10.0.0.2"));
    Principal p = kept.principal();
    NodeError wrongOld = refused(f.accounts.users().changePassword(p, "nope-nope-nope", "new-password-1", null));
    assertEquals(Map.of("oldPassword", "does not match your current password"), wrongOld.fields());
    assertEquals(422, refused(f.accounts.users().changePassword(p, "alice-password", "short", null)).status());

    await(f.accounts.users().changePassword(p, "alice-password", "new-password-1", SecretTokens.hash(kept.token())));
    assertTrue(await(sessions.bySessionToken(kept.token())).isPresent(), "current session kept");
    assertTrue(await(sessions.bySessionToken(other.token())).isEmpty(), "other sessions revoked");
    assertEquals(401, refused(sessions.login("alice", "alice-password", "10.0.0.1")).status());
    await(sessions.login("alice", "new-password-1", "10.0.0.1"));
    User alice = await(f.accounts.users().requireByUsername("alice"));
    assertTrue(PasswordHasher.isArgon2idPhc(alice.passwordHash()));
  }
}
