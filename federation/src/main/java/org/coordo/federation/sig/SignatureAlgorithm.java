package org.coordo.federation.sig;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * The signature algorithms we verify, with their names in both schemes and the JCA primitive behind them.
 * Java 17 provides all of them (Ed25519 and RSASSA-PSS included).
 */
public enum SignatureAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256: cavage {@code rsa-sha256} (and {@code hs2019} with an RSA key), RFC 9421 {@code rsa-v1_5-sha256}. */
  RSA_V1_5_SHA256("rsa-v1_5-sha256"),
  /** RSASSA-PKCS1-v1_5 with SHA-512: cavage {@code rsa-sha512}. */
  RSA_V1_5_SHA512(null),
  /** RSASSA-PSS with SHA-512, MGF1 SHA-512, 64-byte salt: RFC 9421 {@code rsa-pss-sha512}. */
  RSA_PSS_SHA512("rsa-pss-sha512"),
  /** EdDSA on edwards25519: RFC 9421 {@code ed25519}, cavage {@code hs2019} with an Ed25519 key. */
  ED25519("ed25519");

  private final String rfc9421Name;

  SignatureAlgorithm(String rfc9421Name) {
    this.rfc9421Name = rfc9421Name;
  }

  /** The RFC 9421 {@code alg} value, or null when the algorithm has none. */
  public String rfc9421Name() {
    return rfc9421Name;
  }

  /** The kind of key that goes with it: "RSA" or "Ed25519". */
  boolean fits(Key key) {
    return this == ED25519 ? isEd25519(key) : isRsa(key);
  }

  static boolean isRsa(Key key) {
    String a = key.getAlgorithm();
    return a.equals("RSA") || a.equals("RSASSA-PSS");
  }

  static boolean isEd25519(Key key) {
    String a = key.getAlgorithm();
    return a.equals("Ed25519") || a.equals("EdDSA") || a.equals("1.3.101.112");
  }

  /**
   * The algorithm a draft-cavage {@code algorithm} parameter names, given the key. {@code hs2019} and a missing
   * parameter mean "derive it from the key": RSA-SHA256 for an RSA key (what Mastodon and GoToSocial mean).
   */
  static SignatureAlgorithm forCavage(String algorithm, PublicKey key) {
    String a = algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT);
    SignatureAlgorithm chosen = switch (a) {
      case "rsa-sha256" -> RSA_V1_5_SHA256;
      case "rsa-sha512" -> RSA_V1_5_SHA512;
      case "ed25519" -> ED25519;
      case "", "hs2019" -> isEd25519(key) ? ED25519 : RSA_V1_5_SHA256;
      default -> throw new HttpSignatureException(SignatureFailure.UNSUPPORTED_ALGORITHM,
          "signature algorithm \"" + algorithm + "\" is not supported (rsa-sha256, hs2019)");
    };
    return checkKey(chosen, key);
  }

  /**
   * The algorithm an RFC 9421 {@code alg} parameter names; without one it follows the key: a key typed
   * RSASSA-PSS means rsa-pss-sha512, any other RSA key rsa-v1_5-sha256, an Ed25519 key ed25519.
   */
  static SignatureAlgorithm forRfc9421(String alg, PublicKey key) {
    if (alg == null) {
      if (key.getAlgorithm().equals("RSASSA-PSS")) {
        return RSA_PSS_SHA512;
      }
      return checkKey(isEd25519(key) ? ED25519 : RSA_V1_5_SHA256, key);
    }
    for (SignatureAlgorithm s : values()) {
      if (alg.equals(s.rfc9421Name)) {
        return checkKey(s, key);
      }
    }
    throw new HttpSignatureException(SignatureFailure.UNSUPPORTED_ALGORITHM,
        "signature algorithm \"" + alg + "\" is not supported (rsa-v1_5-sha256, rsa-pss-sha512, ed25519)");
  }

  private static SignatureAlgorithm checkKey(SignatureAlgorithm chosen, Key key) {
    if (!chosen.fits(key)) {
      throw new HttpSignatureException(SignatureFailure.UNSUPPORTED_ALGORITHM,
          "the key is " + ActorKeys.describe(key) + ", which does not fit algorithm " + chosen.displayName());
    }
    return chosen;
  }

  String displayName() {
    return switch (this) {
      case RSA_V1_5_SHA256 -> "rsa-sha256";
      case RSA_V1_5_SHA512 -> "rsa-sha512";
      case RSA_PSS_SHA512 -> "rsa-pss-sha512";
      case ED25519 -> "ed25519";
    };
  }

  private Signature newSignature() throws GeneralSecurityException {
    return switch (this) {
      case RSA_V1_5_SHA256 -> Signature.getInstance("SHA256withRSA");
      case RSA_V1_5_SHA512 -> Signature.getInstance("SHA512withRSA");
      case ED25519 -> Signature.getInstance("Ed25519");
      case RSA_PSS_SHA512 -> {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        yield s;
      }
    };
  }

  /** Signs (CPU-heavy for RSA: run it off the event loop). */
  public byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature s = newSignature();
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with " + displayName() + " and a " + key.getAlgorithm() + " key: "
          + e.getMessage(), e);
    }
  }

  /** Verifies; false on any mismatch, including a malformed signature. */
  public boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = newSignature();
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
