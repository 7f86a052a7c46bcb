package org.coordo.server.service.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher cheap = new PasswordHasher(new PasswordHasher.Params(1024, 1, 1));

  @Test
  void defaultHashIsArgon2idPhcWithRecommendedParameters() {
    String phc = new PasswordHasher().hash("correct horse battery");
    assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
    String[] parts = phc.split("\\$");
    assertEquals(6, parts.length);
    assertEquals(16, Base64.getDecoder().decode(parts[4]).length, "16-byte salt");
    assertEquals(32, Base64.getDecoder().decode(parts[5]).length, "32-byte hash");
    assertTrue(PasswordHasher.isArgon2idPhc(phc));
    assertTrue(new PasswordHasher().verify("correct horse battery", phc));
  }

  @Test
  void verifiesOnlyTheRightPassword() {
    String phc = cheap.hash("s3cret-password");
    assertTrue(cheap.verify("s3cret-password", phc));
    assertFalse(cheap.verify("s3cret-passwore", phc));
    assertFalse(cheap.verify("", phc));
    assertFalse(cheap.verify(null, phc));
  }

  @Test
  void sameSecretGetsAFreshSaltEachTime() {
    assertNotEquals(cheap.hash("same password"), cheap.hash("same password"));
  }

  @Test
  void verifiesTheReferenceImplementationsVector() {
    // The Argon2id vector of the reference implementation (phc-winner-argon2, src/test.c):
    // password "password", salt "somesalt", m=64 MiB, t=2, p=1.
    String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertTrue(cheap.verify("password", reference));
    assertFalse(cheap.verify("Password", reference));
  }

  @Test
  void refusesMalformedOrOtherAlgorithms() {
    assertFalse(cheap.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"));
    assertFalse(cheap.verify("x", "$2a$10$abcdefghijklmnopqrstuuJ0mZnmGvU8ZQ2p6b5N5lDk5ZJ5a5fG"));
    assertFalse(cheap.verify("x", "plain"));
    assertFalse(cheap.verify("x", null));
    assertFalse(cheap.verify("x", "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"));
  }

  @Test
  void saysWhenAStoredHashUsesOtherParameters() {
    assertFalse(cheap.needsRehash(cheap.hash("a password here")));
    assertTrue(cheap.needsRehash(new PasswordHasher(new PasswordHasher.Params(2048, 1, 1)).hash("a password here")));
  }
}
