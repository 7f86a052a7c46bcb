package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** draft-cavage-http-signatures-12 Appendix C: the published test request, key and signatures. */
class CavageTestVectorsTest {
  static final String DATE = "Sun, 05 Jan 2014 21:31:40 GMT";
  static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  static final String C1 = "SjWJWbWN7i0wzBvtPl8rbASWz5xQW6mcJmn+ibttBqtifLN7Sazz6m79cNfwwb8DMJ5cou1s7uEGKKCs+FLEEaDV5lp7q25"
      + "WqS+lavg7T8hc0GppauB6hbgEKTwblDHYGEtbGmtdHgVCk9SuS13F0hZ8FD0k/5OxEPXe5WozsbM=";
  static final String C2 = "qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8"
      + "VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=";
  static final String C3 = "vSdrb+dS3EceC9bcwHSo4MlyKS59iFIrhgYkz8+oVLEEzmYZZvRs8rgOp+63LEM3v+MFHB32NfpB2bEKBIvB1q52LaEUH"
      + "Fv120V01IL+TAD48XaERZFukWgHoBTLMhYS2Gb51gWxpeIq8knRmPnYePbF5MOkR0Zkly4zKH7s1dE=";

  static final KeyPair KEYS = ActorKeys.keyPairFromPem(SpecKeys.CAVAGE_PRIVATE);
  static final Clock AT_DATE = Clock.fixed(Instant.parse("2014-01-05T21:31:40Z"), ZoneOffset.UTC);
  static final SignatureVerifier LENIENT = new SignatureVerifier(AT_DATE, SignatureVerifier.DEFAULT_WINDOW)
      .withoutCoverageRules();
  static final SignatureVerifier STRICT = new SignatureVerifier(AT_DATE, SignatureVerifier.DEFAULT_WINDOW);

  static SignedRequest testRequest(String signatureHeader) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "example.com");
    h.put("Date", DATE);
    h.put("Content-Type", "application/json");
    h.put("Digest", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
    h.put("Content-Length", "18");
    if (signatureHeader != null) {
      h.put("Signature", signatureHeader);
    }
    return SignedRequest.of("POST", URI.create("https://example.com/foo?param=value&pet=dog"), h, BODY);
  }

  @Test
  void publishedPublicKeyIsTheHalfOfThePrivateKey() {
    PublicKey published = ActorKeys.publicKeyFromPem(SpecKeys.CAVAGE_PUBLIC);
    assertEquals(published, KEYS.getPublic());
  }

  @Test
  void digestOfTheTestBodyIsThePublishedOne() {
    assertEquals("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", Digests.digestHeader(BODY));
  }

  @Test
  void c1DefaultTestSignsOnlyTheDate() {
    SignedRequest req = testRequest("keyId=\"Test\",algorithm=\"rsa-sha256\",signature=\"" + C1 + "\"");
    ParsedSignature parsed = LENIENT.parse(req);
    assertEquals(List.of("date"), parsed.covered());
    assertEquals("Test", parsed.keyId());
    assertEquals("date: " + DATE, Cavage.signingString(req, parsed.covered(), null, null));
    assertTrue(LENIENT.verify(req, parsed, KEYS.getPublic()).isOk());
    // and the strict inbox rules refuse it: it covers neither the target nor the digest
    assertEquals(SignatureFailure.TARGET_NOT_COVERED, STRICT.verify(req, KEYS.getPublic()).failure());
  }

  @Test
  void c2BasicTestCoversRequestTargetHostDate() {
    SignedRequest req = testRequest("keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\","
        + "signature=\"" + C2 + "\"");
    assertEquals("(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: " + DATE,
        Cavage.signingString(req, CavageSigner.GET_HEADERS, null, null));
    assertTrue(LENIENT.verify(req, KEYS.getPublic()).isOk());
    // signing is deterministic (PKCS#1 v1.5): we reproduce the published value
    String header = CavageSigner.signatureHeader(testRequest(null), CavageSigner.GET_HEADERS, "Test",
        KEYS.getPrivate(), "rsa-sha256");
    assertTrue(header.endsWith("signature=\"" + C2 + "\""), header);
    // with a body, the strict rules want the digest covered
    assertEquals(SignatureFailure.DIGEST_NOT_COVERED, STRICT.verify(req, KEYS.getPublic()).failure());
  }

  @Test
  void c3AllHeadersTest() {
    // The draft-12 text lists "(request-target) (created) (expires) host date content-type digest content-length"
    // with created=1402170695, expires=1402170699 but keeps the signature value of draft-10, which covers the
    // list without (created) and (expires); that value is what we check, as other implementations do.
    String headers = "(request-target) host date content-type digest content-length";
    SignedRequest req = testRequest("keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"" + headers + "\",signature=\""
        + C3 + "\"");
    assertTrue(STRICT.verify(req, KEYS.getPublic()).isOk());
    PrivateKey priv = KEYS.getPrivate();
    String again = CavageSigner.signatureHeader(testRequest(null), List.of(headers.split(" ")), "Test", priv, "rsa-sha256");
    assertTrue(again.endsWith("signature=\"" + C3 + "\""), again);
  }

  @Test
  void authorizationHeaderFormIsAccepted() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "example.com");
    h.put("Date", DATE);
    h.put("Authorization", "Signature keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\","
        + "signature=\"" + C2 + "\"");
    SignedRequest req = SignedRequest.of("POST", URI.create("https://example.com/foo?param=value&pet=dog"), h, null);
    assertTrue(STRICT.verify(req, KEYS.getPublic()).isOk());
  }

  @Test
  void aTamperedQueryBreaksTheSignature() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "example.com");
    h.put("Date", DATE);
    h.put("Signature", "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\",signature=\""
        + C2 + "\"");
    SignedRequest req = SignedRequest.of("POST", URI.create("https://example.com/foo?param=value&pet=cat"), h, null);
    VerificationResult r = STRICT.verify(req, KEYS.getPublic());
    assertFalse(r.isOk());
    assertEquals(SignatureFailure.BAD_SIGNATURE, r.failure());
  }
}
