package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class ActorKeysTest {

  @Test
  void generatesRsa2048AndRoundTripsPem() {
    KeyPair pair = ActorKeys.generate();
    assertEquals(2048, ((RSAPublicKey) pair.getPublic()).getModulus().bitLength());
    String pub = ActorKeys.toPem(pair.getPublic());
    String priv = ActorKeys.toPem(pair.getPrivate());
    assertTrue(pub.startsWith("-----BEGIN PUBLIC KEY-----\n"), pub);
    assertTrue(priv.startsWith("-----BEGIN PRIVATE KEY-----\n"), priv);
    assertEquals(pair.getPublic(), ActorKeys.publicKeyFromPem(pub));
    assertEquals(pair.getPrivate(), ActorKeys.privateKeyFromPem(priv));
    assertEquals(pair.getPublic(), ActorKeys.keyPairFromPem(priv).getPublic());
  }

  @Test
  void readsPkcs1Forms() {
    assertEquals("RSA", ActorKeys.publicKeyFromPem(SpecKeys.RSA_PUBLIC).getAlgorithm());
    KeyPair pair = ActorKeys.keyPairFromPem(SpecKeys.RSA_PRIVATE);
    assertEquals(ActorKeys.publicKeyFromPem(SpecKeys.RSA_PUBLIC), pair.getPublic());
    assertEquals(pair.getPrivate(), ActorKeys.privateKeyFromPem(SpecKeys.RSA_PRIVATE));
  }

  @Test
  void readsEd25519() {
    assertTrue(SignatureAlgorithm.isEd25519(ActorKeys.publicKeyFromPem(SpecKeys.ED25519_PUBLIC)));
  }

  @Test
  void junkIsAClearIllegalArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActorKeys.publicKeyFromPem("hello"));
    assertTrue(e.getMessage().contains("public key"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ActorKeys.publicKeyFromPem(""));
    assertThrows(IllegalArgumentException.class, () -> ActorKeys.publicKeyFromPem(null));
    assertThrows(IllegalArgumentException.class,
        () -> ActorKeys.publicKeyFromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    assertThrows(IllegalArgumentException.class,
        () -> ActorKeys.privateKeyFromPem("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"));
    // a public key where a private one is expected
    IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
        () -> ActorKeys.privateKeyFromPem(SpecKeys.CAVAGE_PUBLIC));
    assertTrue(wrongKind.getMessage().contains("private key"), wrongKind.getMessage());
  }
}
