package org.coordo.server.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An independent check of a DKIM signature (RFC 6376) with {@code c=relaxed/relaxed} and {@code
 * a=rsa-sha256}, written from the RFC for the tests: it recomputes the body hash ({@code bh=}, section
 * 3.4.4 relaxed body) and verifies {@code b=} over the signed headers (3.4.2 relaxed header, 3.7 the
 * signature header last with an empty {@code b=}) with the public key the test holds (no DNS).
 */
final class DkimVerifier {
  private DkimVerifier() {}

  /** The tags of the message's DKIM-Signature (whitespace removed). */
  static Map<String, String> tags(String raw) {
    String sig = field(headers(raw), "dkim-signature").orElseThrow(() -> new AssertionError("no DKIM-Signature"));
    String value = unfold(sig.substring(sig.indexOf(':') + 1));
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        tags.put(part.substring(0, eq).trim(), part.substring(eq + 1).replaceAll("[ \\t\\r\\n]", ""));
      }
    }
    return tags;
  }

  /** The body hash recomputed from the message (relaxed body canonicalization, SHA-256, base64). */
  static String bodyHash(String raw) throws GeneralSecurityException {
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
    StringBuilder canon = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      lines.set(i, lines.get(i).replaceAll("[ \\t]+", " ").replaceAll(" $", ""));
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    lines.forEach(l -> canon.append(l).append("\r\n"));
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(canon.toString().getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(hash);
  }

  /** Whether {@code b=} is a valid RSA-SHA256 signature by {@code key} of the headers named in {@code h=}. */
  static boolean signatureValid(String raw, PublicKey key) throws GeneralSecurityException {
    List<String> headers = headers(raw);
    Map<String, String> tags = tags(raw);
    StringBuilder signed = new StringBuilder();
    Map<String, Integer> used = new LinkedHashMap<>();
    for (String name : tags.get("h").split(":")) {
      String lower = name.trim().toLowerCase(Locale.ROOT);
      // several instances: the last one first, then upwards (3.5, h=)
      List<String> instances = headers.stream().filter(h -> name(h).equals(lower)).toList();
      int n = used.merge(lower, 1, Integer::sum);
      if (n <= instances.size()) {
        signed.append(relaxed(instances.get(instances.size() - n))).append("\r\n");
      }
    }
    String sig = field(headers, "dkim-signature").orElseThrow();
    String emptied = sig.replaceAll("(?s)(\\bb=)[^;]*", "$1");
    signed.append(relaxed(emptied));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
    return rsa.verify(Base64.getDecoder().decode(tags.get("b")));
  }

  private static String relaxed(String field) {
    int colon = field.indexOf(':');
    String value = unfold(field.substring(colon + 1)).replaceAll("[ \\t]+", " ").trim();
    return field.substring(0, colon).trim().toLowerCase(Locale.ROOT) + ":" + value;
  }

  private static String unfold(String text) {
    return text.replace("\r\n", "");
  }

  private static String name(String field) {
    return field.substring(0, field.indexOf(':')).trim().toLowerCase(Locale.ROOT);
  }

  private static java.util.Optional<String> field(List<String> headers, String name) {
    return headers.stream().filter(h -> name(h).equals(name)).findFirst();
  }

  /** The header fields as received, each with its folding (CRLF inside), without the final CRLF. */
  private static List<String> headers(String raw) {
    String block = raw.substring(0, raw.indexOf("\r\n\r\n"));
    List<String> fields = new ArrayList<>();
    for (String line : block.split("\r\n")) {
      if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
        fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
      } else {
        fields.add(line);
      }
    }
    return fields;
  }
}
