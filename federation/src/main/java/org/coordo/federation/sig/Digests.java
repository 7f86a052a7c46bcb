package org.coordo.federation.sig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Body digests in both header forms.
 *
 * <ul>
 *   <li>legacy RFC 3230 {@code Digest: SHA-256=<base64>} (draft-cavage signers, Mastodon, GoToSocial);
 *   <li>RFC 9530 {@code Content-Digest: sha-256=:<base64>:} (RFC 9421 signers), also {@code sha-512}.
 * </ul>
 *
 * Parsing is tolerant: several digests in one header, any case of the algorithm name, {@code SHA256} for
 * {@code SHA-256}. Verification ignores algorithms it does not know, needs at least one it knows, and every
 * known one must match.
 */
public final class Digests {

  /** The outcome of checking a digest header against a body. */
  public enum Check {
    MATCH,
    MISMATCH,
    /** No algorithm we know (sha-256, sha-512) in the header. */
    UNSUPPORTED,
    MALFORMED
  }

  private Digests() {}

  /** {@code SHA-256=<base64>} for a {@code Digest} header. */
  public static String digestHeader(byte[] body) {
    return "SHA-256=" + b64(hash("SHA-256", body));
  }

  /** {@code sha-256=:<base64>:} for a {@code Content-Digest} header. */
  public static String contentDigestHeader(byte[] body) {
    return contentDigestHeader(body, "sha-256");
  }

  /** {@code <alg>=:<base64>:} for a {@code Content-Digest} header; alg is {@code sha-256} or {@code sha-512}. */
  public static String contentDigestHeader(byte[] body, String algorithm) {
    String jca = jcaName(algorithm);
    if (jca == null) {
      throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    }
    return algorithm.toLowerCase(Locale.ROOT) + "=:" + b64(hash(jca, body)) + ":";
  }

  /** Checks a legacy {@code Digest} header value against the body. */
  public static Check verifyDigest(String headerValue, byte[] body) {
    return verify(parseLegacy(headerValue), body);
  }

  /** Checks an RFC 9530 {@code Content-Digest} header value against the body. */
  public static Check verifyContentDigest(String headerValue, byte[] body) {
    return verify(parseContentDigest(headerValue), body);
  }

  private record Entry(String algorithm, String value) {}

  private static Check verify(List<Entry> entries, byte[] body) {
    if (entries == null) {
      return Check.MALFORMED;
    }
    boolean known = false;
    for (Entry e : entries) {
      String jca = jcaName(e.algorithm());
      if (jca == null) {
        continue;
      }
      known = true;
      byte[] claimed;
      try {
        claimed = Base64.getDecoder().decode(e.value());
      } catch (IllegalArgumentException bad) {
        return Check.MALFORMED;
      }
      if (!MessageDigest.isEqual(claimed, hash(jca, body == null ? new byte[0] : body))) {
        return Check.MISMATCH;
      }
    }
    return known ? Check.MATCH : Check.UNSUPPORTED;
  }

  /** {@code SHA-256=abc=, SHA-512=def=}; null when malformed. */
  private static List<Entry> parseLegacy(String header) {
    return pairs(header, value -> value);
  }

  /** Structured-field dictionary of byte sequences: {@code sha-256=:abc=:, sha-512=:def=:}; null when malformed. */
  private static List<Entry> parseContentDigest(String header) {
    return pairs(header, value -> {
      int semi = value.lastIndexOf(':');
      return value.startsWith(":") && semi > 0 ? value.substring(1, semi) : null;
    });
  }

  /**
   * The comma-separated {@code algorithm=value} pairs of a digest header, each value (trimmed) read by
   * {@code value} (null: malformed); null when the header is blank or any pair is malformed.
   */
  private static List<Entry> pairs(String header, UnaryOperator<String> value) {
    if (header == null || header.isBlank()) {
      return null;
    }
    List<Entry> out = new ArrayList<>();
    for (String part : header.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      String v = eq <= 0 ? null : value.apply(p.substring(eq + 1).trim());
      if (v == null) {
        return null;
      }
      out.add(new Entry(p.substring(0, eq).trim(), v));
    }
    return out;
  }

  /** Whether a request we sign carries a digest of its body: every POST, and any request with a body. */
  static boolean isDigested(String method, byte[] body) {
    return "POST".equalsIgnoreCase(method) || body.length > 0;
  }

  private static String jcaName(String algorithm) {
    String a = algorithm.toLowerCase(Locale.ROOT).replace("-", "");
    return switch (a) {
      case "sha256" -> "SHA-256";
      case "sha512" -> "SHA-512";
      default -> null;
    };
  }

  static byte[] hash(String jcaAlgorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaAlgorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaAlgorithm + " unavailable", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
