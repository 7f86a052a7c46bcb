package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the signature headers of incoming requests: draft-cavage {@code Signature} /
 * {@code Authorization: Signature}, RFC 9421 {@code Signature-Input} + {@code Signature}, and the
 * verifier that reads them (dates, digests, signature base). An input is a raw request:
 *
 * <pre>
 * POST /inbox?a=b          (method and path-and-query; the authority is example.com)
 * Signature: keyId="…",…   (header lines)
 *                          (an empty line)
 * {"body": …}              (the body)
 * </pre>
 *
 * Seeds and regressions: {@code src/test/resources/org/coordo/federation/sig/SignatureHeadersFuzzTestInputs/}.
 * See docs/FUZZING.md.
 */
class SignatureHeadersFuzzTest {
  private static final PublicKey KEY = TestKeys.ALICE.getPublic();
  /** The date of the RFC 9421 and draft-cavage test vectors the seeds come from. */
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1618884475L), ZoneOffset.UTC);
  private static final SignatureVerifier VERIFIER = new SignatureVerifier(CLOCK, SignatureVerifier.DEFAULT_WINDOW);

  /**
   * Parsing and verifying never fails with anything but a {@link VerificationResult} (parse: {@link
   * HttpSignatureException}, a 401); a parsed signature names a key and what it covers, and written back
   * into its header it parses to the same signature.
   */
  @FuzzTest
  @Timeout(5)
  void signedRequest(byte[] data) {
    SignedRequest request = request(data);
    VerificationResult result = VERIFIER.verify(request, KEY);
    assertNotNull(result);
    ParsedSignature parsed;
    try {
      parsed = VERIFIER.parse(request);
    } catch (HttpSignatureException e) {
      assertEquals(401, e.httpStatus());
      assertFalse(result.isOk());
      return;
    }
    assertFalse(parsed.keyId().isBlank(), "a parsed signature names its key");
    assertFalse(parsed.covered().isEmpty(), "a parsed signature covers something");
    // The cryptographic check on its own (it builds the signature base whatever the coverage rules say).
    assertNotNull(VERIFIER.checkSignature(request, parsed, KEY));
    ParsedSignature again = VERIFIER.parse(rewritten(request, parsed));
    assertEquals(parsed.scheme(), again.scheme());
    assertEquals(parsed.label(), again.label());
    assertEquals(parsed.keyId(), again.keyId());
    assertEquals(parsed.algorithm(), again.algorithm());
    assertEquals(parsed.covered(), again.covered());
    assertEquals(parsed.created(), again.created());
    assertEquals(parsed.expires(), again.expires());
    assertArrayEquals(parsed.signatureBytes(), again.signatureBytes());
  }

  /**
   * RFC 8941 dictionaries (the syntax of Signature-Input, Signature and Accept-Signature): only {@link
   * StructuredFields.ParseException}; keys and tokens are ASCII; every member serialises to a form that parses
   * back to the same member.
   */
  @FuzzTest
  @Timeout(5)
  void structuredFieldDictionary(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Map<String, Object> dict;
    try {
      dict = StructuredFields.parseDictionary(text);
    } catch (StructuredFields.ParseException e) {
      return;
    }
    for (Map.Entry<String, Object> member : dict.entrySet()) {
      assertTrue(member.getKey().matches("[a-z*][a-z0-9_.*-]*"), "RFC 8941 key: " + member.getKey());
      String serialized = member.getValue() instanceof StructuredFields.InnerList list
          ? StructuredFields.serialize(list)
          : StructuredFields.serialize((StructuredFields.Item) member.getValue());
      Map<String, Object> reparsed;
      try {
        reparsed = StructuredFields.parseDictionary(member.getKey() + "=" + serialized);
      } catch (StructuredFields.ParseException e) {
        throw new AssertionError("serialised member does not parse: " + serialized, e);
      }
      Object back = reparsed.get(member.getKey());
      String again = back instanceof StructuredFields.InnerList list
          ? StructuredFields.serialize(list)
          : StructuredFields.serialize((StructuredFields.Item) back);
      assertEquals(serialized, again);
    }
  }

  // ---- input decoding ----

  /** The raw request of a fuzz input (see the class comment). */
  static SignedRequest request(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int blank = text.indexOf("\n\n");
    String head = blank < 0 ? text : text.substring(0, blank);
    byte[] body = blank < 0 ? new byte[0]
        : text.substring(blank + 2).getBytes(StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\n", -1);
    String method = "POST";
    URI target = URI.create("https://example.com/");
    String[] requestLine = lines[0].trim().split(" ", 2);
    if (requestLine.length == 2 && requestLine[0].matches("[A-Za-z]{1,10}")) {
      method = requestLine[0];
      try {
        URI t = new URI("https://example.com" + requestLine[1].trim());
        if (t.getRawAuthority() != null && t.getRawAuthority().equals("example.com")) {
          target = t;
        }
      } catch (URISyntaxException e) {
        // keep "/"
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    return new SignedRequest(method, target, headers, body);
  }

  /** The request with the parsed signature written back into its header(s), nothing else. */
  private static SignedRequest rewritten(SignedRequest request, ParsedSignature s) {
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    headers.remove("signature");
    headers.remove("signature-input");
    headers.remove("authorization");
    String sig = Base64.getEncoder().encodeToString(s.signatureBytes());
    if (s.scheme() == SignatureScheme.RFC9421) {
      headers.put("signature-input", List.of(s.label() + "=" + StructuredFields.serialize(s.rfc9421Input)));
      headers.put("signature", List.of(s.label() + "=:" + sig + ":"));
    } else {
      StringBuilder h = new StringBuilder("keyId=").append(cavageValue(s.keyId()));
      if (s.algorithm() != null) {
        h.append(",algorithm=").append(cavageValue(s.algorithm()));
      }
      if (s.created() != null) {
        h.append(",created=").append(s.created());
      }
      if (s.expires() != null) {
        h.append(",expires=").append(s.expires());
      }
      h.append(",headers=").append(cavageValue(String.join(" ", s.covered())));
      h.append(",signature=\"").append(sig).append('"');
      headers.put("signature", List.of(h.toString()));
    }
    return new SignedRequest(request.method(), request.target(), headers, request.body());
  }

  /** Quoted, unless the value holds a quote (then it came unquoted, so it has no comma and no outer spaces). */
  private static String cavageValue(String v) {
    return v.indexOf('"') < 0 ? '"' + v + '"' : v;
  }
}
