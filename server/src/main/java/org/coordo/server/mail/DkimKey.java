package org.coordo.server.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** The DKIM signing key: an RSA private key in a PEM PKCS#8 file ({@code -----BEGIN PRIVATE KEY-----}). */
public final class DkimKey {
  private DkimKey() {}

  /**
   * Reads and checks the key; returns its PKCS#8 DER in base64 (what {@code DKIMSignOptions} takes).
   *
   * @throws IllegalArgumentException saying what is wrong (never the key's content)
   */
  public static String read(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the file");
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("PKCS#1 key: convert it with openssl pkcs8 -topk8 -nocrypt");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no -----BEGIN PRIVATE KEY----- block");
    }
    String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | InvalidKeySpecException e) {
      throw new IllegalArgumentException("not an RSA private key");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return base64;
  }
}
