package org.coordo.federation.sig;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * Two fixed RSA-2048 key pairs (generating keys takes seconds on a busy machine): ALICE is RFC 9421's
 * test-key-rsa, BOB the material of test-key-rsa-pss used as a plain RSA key. Public for other tests (test-jar).
 */
public final class TestKeys {
  public static final KeyPair ALICE = ActorKeys.keyPairFromPem(SpecKeys.RSA_PRIVATE);
  public static final KeyPair BOB = plainRsa(SpecKeys.RSA_PSS_PRIVATE);

  private TestKeys() {}

  private static KeyPair plainRsa(String pem) {
    try {
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) ActorKeys.privateKeyFromPem(pem);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())),
          rsa.generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
              k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient())));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
