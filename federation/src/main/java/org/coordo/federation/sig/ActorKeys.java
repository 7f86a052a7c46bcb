package org.coordo.federation.sig;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Actor key pairs: RSA-2048 generation (what Mastodon expects) and PEM in both directions.
 *
 * <p>Encoding writes SPKI ({@code -----BEGIN PUBLIC KEY-----}) and PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}),
 * the forms ActivityPub documents use. Decoding also accepts PKCS#1 ({@code RSA PUBLIC KEY} / {@code RSA PRIVATE
 * KEY}) and non-RSA keys (Ed25519, RSASSA-PSS) since remote actors and the RFC test vectors use them. Junk input
 * raises {@link IllegalArgumentException} with a message naming what was expected.
 */
public final class ActorKeys {
  public static final int RSA_BITS = 2048;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ActorKeys() {}

  /** A fresh RSA-2048 key pair (blocking, ~50-200 ms: call it from a worker). */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RSA_BITS, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is unavailable", e);
    }
  }

  /** SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public static String toPem(PublicKey key) {
    return pem(new PemObject("PUBLIC KEY", key.getEncoded()));
  }

  /** PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public static String toPem(PrivateKey key) {
    return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** Reads a public key from SPKI or PKCS#1 PEM (or the public half of a private key PEM). */
  public static PublicKey publicKeyFromPem(String pem) {
    Object parsed = parse(pem, "a public key");
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (parsed instanceof SubjectPublicKeyInfo spki) {
        return converter.getPublicKey(spki);
      }
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPublic();
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a usable public key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("PEM does not hold a public key (found " + kind(parsed) + ")");
  }

  /** Reads a private key from PKCS#8 or PKCS#1 PEM. */
  public static PrivateKey privateKeyFromPem(String pem) {
    Object parsed = parse(pem, "a private key");
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (parsed instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a usable private key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("PEM does not hold an unencrypted private key (found " + kind(parsed) + ")");
  }

  /** Reads a PKCS#8 or PKCS#1 private key PEM as a key pair (the public half derived from it). */
  public static KeyPair keyPairFromPem(String privatePem) {
    Object parsed = parse(privatePem, "a private key");
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair);
      }
      if (parsed instanceof PrivateKeyInfo info) {
        PrivateKey priv = converter.getPrivateKey(info);
        if (priv instanceof java.security.interfaces.RSAPrivateCrtKey crt) {
          PublicKey pub = java.security.KeyFactory.getInstance("RSA").generatePublic(
              new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
          return new KeyPair(pub, priv);
        }
        throw new IllegalArgumentException("cannot derive the public key of a " + priv.getAlgorithm() + " key");
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("not a usable private key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("PEM does not hold an unencrypted private key (found " + kind(parsed) + ")");
  }

  private static Object parse(String pem, String expected) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("expected " + expected + " in PEM, got nothing");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem.trim()))) {
      Object parsed = parser.readObject();
      if (parsed == null) {
        throw new IllegalArgumentException("expected " + expected + " in PEM (-----BEGIN ...-----), found no PEM block");
      }
      return parsed;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("expected " + expected + " in PEM, could not parse it: " + e.getMessage(), e);
    }
  }

  private static String kind(Object parsed) {
    return parsed.getClass().getSimpleName();
  }

  private static String pem(PemObject object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
    return out.toString();
  }

  /** Short human description of a key for logs and messages ({@code RSA-2048}, {@code Ed25519}). */
  public static String describe(Key key) {
    if (key instanceof java.security.interfaces.RSAKey rsa) {
      return key.getAlgorithm() + "-" + rsa.getModulus().bitLength();
    }
    return key.getAlgorithm();
  }
}
