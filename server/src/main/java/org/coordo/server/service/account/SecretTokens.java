package org.coordo.server.service.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets handed to people (session cookies, API tokens, invitation links): 256 random
 * bits, URL-safe base64 (43 characters). Only {@link #hash} of a secret is ever stored.
 */
public final class SecretTokens {
  private static final int TOKEN_BYTES = 32;
  private final SecureRandom random;

  public SecretTokens() {
    this(new SecureRandom());
  }

  public SecretTokens(SecureRandom random) {
    this.random = random;
  }

  /** A new secret: 256 random bits in URL-safe base64 without padding. */
  public String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Letters and digits that cannot be misread when dictated or copied by hand (no 0/o, 1/l/i). */
  private static final String READABLE = "abcdefghjkmnpqrstuvwxyz23456789";

  /**
   * A temporary password an admin hands over: four groups of four readable characters
   * ({@code abcd-efgh-jkmn-pqrs}, about 79 random bits), easy to type once and then to change.
   */
  public String newTemporaryPassword() {
    StringBuilder out = new StringBuilder(19);
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        out.append('-');
      }
      out.append(READABLE.charAt(random.nextInt(READABLE.length())));
    }
    return out.toString();
  }

  /** The SHA-256 of the secret's text: what storage keys it by. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether a presented value has the shape of one of our tokens (cheap check before a lookup). */
  public static boolean looksValid(String token) {
    return token != null && token.length() == 43 && token.matches("[A-Za-z0-9_-]{43}");
  }
}
