package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Round trips of both schemes and the refusals an inbox relies on. */
class SignatureVerifierTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final URI INBOX = URI.create("https://grenoble.example/actors/grenoble/inbox");
  static final String KEY_ID = "https://lyon.example/actors/lyon#main-key";
  static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
  static final SignatureVerifier VERIFIER = new SignatureVerifier(CLOCK, Duration.ofHours(1));

  static SignedRequest signed(RequestSigner signer, String method, URI target, byte[] body) {
    return SignedRequest.of(method, target, signer.sign(method, target, body), body);
  }

  static SignedRequest cavagePost(Clock clock) {
    return signed(new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), clock), "POST", INBOX, BODY);
  }

  @Test
  void cavagePostRoundTrip() {
    CavageSigner signer = new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK);
    Map<String, String> headers = signer.sign("POST", INBOX, BODY);
    assertEquals(List.of("Host", "Date", "Digest", "Signature"), List.copyOf(headers.keySet()));
    assertEquals("grenoble.example", headers.get("Host"));
    assertEquals("Mon, 23 Nov 2026 12:00:00 GMT", headers.get("Date"));
    assertTrue(headers.get("Signature").contains("algorithm=\"rsa-sha256\""));
    assertTrue(headers.get("Signature").contains("headers=\"(request-target) host date digest\""));
    SignedRequest req = SignedRequest.of("POST", INBOX, headers, BODY);
    ParsedSignature parsed = VERIFIER.parse(req);
    assertEquals(KEY_ID, parsed.keyId());
    assertEquals(SignatureScheme.CAVAGE, parsed.scheme());
    assertTrue(VERIFIER.verify(req, parsed, TestKeys.ALICE.getPublic()).isOk());
  }

  @Test
  void cavageGetRoundTripWithPortAndQuery() {
    URI target = URI.create("http://127.0.0.1:8081/actors/a?page=2");
    CavageSigner signer = new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK);
    Map<String, String> headers = signer.sign("GET", target, null);
    assertEquals("127.0.0.1:8081", headers.get("Host"));
    assertTrue(headers.get("Signature").contains("headers=\"(request-target) host date\""));
    assertEquals(null, headers.get("Digest"));
    assertTrue(VERIFIER.verify(SignedRequest.of("GET", target, headers, null), TestKeys.ALICE.getPublic()).isOk());
  }

  @Test
  void rfc9421PostRoundTrip() {
    Rfc9421Signer signer = new Rfc9421Signer(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK);
    Map<String, String> headers = signer.sign("POST", INBOX, BODY);
    assertEquals("sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=" + NOW.getEpochSecond()
        + ";keyid=\"" + KEY_ID + "\"", headers.get("Signature-Input"));
    assertTrue(headers.get("Content-Digest").startsWith("sha-256=:"));
    SignedRequest req = SignedRequest.of("POST", INBOX, headers, BODY);
    ParsedSignature parsed = VERIFIER.parse(req);
    assertEquals(SignatureScheme.RFC9421, parsed.scheme());
    assertEquals(KEY_ID, parsed.keyId());
    VerificationResult r = VERIFIER.verify(req, parsed, TestKeys.ALICE.getPublic());
    assertTrue(r.isOk(), r.message());
  }

  @Test
  void rfc9421GetRoundTrip() {
    Rfc9421Signer signer = new Rfc9421Signer(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK);
    URI target = URI.create("https://grenoble.example/actors/grenoble");
    SignedRequest req = signed(signer, "GET", target, null);
    assertTrue(VERIFIER.verify(req, TestKeys.ALICE.getPublic()).isOk());
    // the same signature presented for another URL fails
    SignedRequest moved = new SignedRequest("GET", URI.create("https://grenoble.example/actors/other"), req.headers(), null);
    assertEquals(SignatureFailure.BAD_SIGNATURE, VERIFIER.verify(moved, TestKeys.ALICE.getPublic()).failure());
  }

  @Test
  void refusesABodyThatDoesNotMatchTheDigest() {
    SignedRequest req = cavagePost(CLOCK);
    SignedRequest tampered = new SignedRequest("POST", INBOX, req.headers(), "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8));
    VerificationResult r = VERIFIER.verify(tampered, TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.DIGEST_MISMATCH, r.failure());
    assertEquals("the digest header does not match the body", r.message());

    SignedRequest rfc = signed(new Rfc9421Signer(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK), "POST", INBOX, BODY);
    SignedRequest rfcTampered = new SignedRequest("POST", INBOX, rfc.headers(), new byte[] {'{', '}'});
    assertEquals(SignatureFailure.DIGEST_MISMATCH, VERIFIER.verify(rfcTampered, TestKeys.ALICE.getPublic()).failure());
  }

  @Test
  void refusesAnOldDateWithAClearMessage() {
    SignedRequest req = cavagePost(Clock.offset(CLOCK, Duration.ofSeconds(-3712)));
    VerificationResult r = VERIFIER.verify(req, TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.DATE_TOO_OLD, r.failure());
    assertEquals("date is 3712 s old; the window is 3600 s", r.message());
    // inside the window it passes
    assertTrue(VERIFIER.verify(cavagePost(Clock.offset(CLOCK, Duration.ofSeconds(-3500))), TestKeys.ALICE.getPublic()).isOk());
  }

  @Test
  void aBlankDateIsNotAnHttpDate() {
    // Found by DigestsAndDatesFuzzTest.httpDate: the one-entry parse cache started as ("", EPOCH).
    HttpSignatureException e = assertThrows(HttpSignatureException.class, () -> HttpDates.parse("  "));
    assertEquals(SignatureFailure.INVALID_DATE, e.reason());
  }

  @Test
  void refusesADateInTheFuture() {
    SignedRequest req = cavagePost(Clock.offset(CLOCK, Duration.ofMinutes(61)));
    VerificationResult r = VERIFIER.verify(req, TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.DATE_IN_FUTURE, r.failure());
    assertEquals("date is 3660 s in the future; the window is 3600 s", r.message());
    SignedRequest rfc = signed(new Rfc9421Signer(KEY_ID, TestKeys.ALICE.getPrivate(), Clock.offset(CLOCK, Duration.ofHours(2))),
        "POST", INBOX, BODY);
    assertEquals(SignatureFailure.DATE_IN_FUTURE, VERIFIER.verify(rfc, TestKeys.ALICE.getPublic()).failure());
  }

  @Test
  void theWindowIsConfigurable() {
    SignatureVerifier tight = new SignatureVerifier(CLOCK, Duration.ofMinutes(5));
    VerificationResult r = tight.verify(cavagePost(Clock.offset(CLOCK, Duration.ofMinutes(-6))), TestKeys.ALICE.getPublic());
    assertEquals("date is 360 s old; the window is 300 s", r.message());
  }

  @Test
  void hostMustBeCoveredOnAGetButNotOnAPostWithADigest() {
    SignedRequest get = SignedRequest.of("GET", INBOX, Map.of("Host", "grenoble.example", "Date", HttpDates.format(NOW)), null);
    String sig = CavageSigner.signatureHeader(get, List.of("(request-target)", "date"), KEY_ID, TestKeys.ALICE.getPrivate(),
        "rsa-sha256");
    VerificationResult r = VERIFIER.verify(get.withHeaders(Map.of("Signature", sig)), TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.TARGET_NOT_COVERED, r.failure());
    assertEquals("the signature does not cover host", r.message());

    SignedRequest post = SignedRequest.of("POST", INBOX, Map.of("Date", HttpDates.format(NOW), "Digest",
        Digests.digestHeader(BODY)), BODY);
    sig = CavageSigner.signatureHeader(post, List.of("(request-target)", "date", "digest"), KEY_ID,
        TestKeys.ALICE.getPrivate(), "rsa-sha256");
    assertTrue(VERIFIER.verify(post.withHeaders(Map.of("Signature", sig)), TestKeys.ALICE.getPublic()).isOk());
  }

  @Test
  void refusesWhenACoveredHeaderIsMissing() {
    SignedRequest req = cavagePost(CLOCK);
    Map<String, List<String>> headers = new LinkedHashMap<>(req.headers());
    headers.remove("digest");
    VerificationResult r = VERIFIER.verify(new SignedRequest("POST", INBOX, headers, BODY), TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.MISSING_HEADER, r.failure());
    assertEquals("the signature covers the digest header, which the request does not have", r.message());
  }

  @Test
  void refusesAPostWhoseSignatureDoesNotCoverTheDigest() {
    SignedRequest unsigned = SignedRequest.of("POST", INBOX,
        Map.of("Host", "grenoble.example", "Date", HttpDates.format(NOW), "Digest", Digests.digestHeader(BODY)), BODY);
    String sig = CavageSigner.signatureHeader(unsigned, CavageSigner.GET_HEADERS, KEY_ID, TestKeys.ALICE.getPrivate(),
        "rsa-sha256");
    VerificationResult r = VERIFIER.verify(unsigned.withHeaders(Map.of("Signature", sig)), TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.DIGEST_NOT_COVERED, r.failure());
  }

  @Test
  void refusesASignatureThatDoesNotCoverTheTarget() {
    SignedRequest unsigned = SignedRequest.of("GET", INBOX, Map.of("Host", "grenoble.example", "Date", HttpDates.format(NOW)), null);
    String sig = CavageSigner.signatureHeader(unsigned, List.of("host", "date"), KEY_ID, TestKeys.ALICE.getPrivate(), "rsa-sha256");
    VerificationResult r = VERIFIER.verify(unsigned.withHeaders(Map.of("Signature", sig)), TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.TARGET_NOT_COVERED, r.failure());
    assertEquals("the signature does not cover (request-target)", r.message());
  }

  @Test
  void refusesTheWrongKey() {
    VerificationResult r = VERIFIER.verify(cavagePost(CLOCK), TestKeys.BOB.getPublic());
    assertEquals(SignatureFailure.BAD_SIGNATURE, r.failure());
    assertEquals("the rsa-sha256 signature does not verify with key " + KEY_ID, r.message());
  }

  @Test
  void refusesATamperedSignedHeader() {
    SignedRequest req = cavagePost(CLOCK);
    Map<String, List<String>> headers = new LinkedHashMap<>(req.headers());
    headers.put("date", List.of(HttpDates.format(NOW.plusSeconds(1))));
    assertEquals(SignatureFailure.BAD_SIGNATURE,
        VERIFIER.verify(new SignedRequest("POST", INBOX, headers, BODY), TestKeys.ALICE.getPublic()).failure());
    // a different host: the signature was meant for another server
    headers = new LinkedHashMap<>(req.headers());
    headers.put("host", List.of("evil.example"));
    assertEquals(SignatureFailure.BAD_SIGNATURE,
        VERIFIER.verify(new SignedRequest("POST", INBOX, headers, BODY), TestKeys.ALICE.getPublic()).failure());
  }

  @Test
  void acceptsGoToSocialStyleHs2019WithAPathKeyId() {
    String gtsKeyId = "https://gts.example/users/alice/main-key";
    SignedRequest unsigned = SignedRequest.of("POST", INBOX, Map.of("Host", "grenoble.example", "Date",
        HttpDates.format(NOW), "Digest", Digests.digestHeader(BODY)), BODY);
    String sig = CavageSigner.signatureHeader(unsigned, CavageSigner.POST_HEADERS, gtsKeyId, TestKeys.ALICE.getPrivate(), "hs2019");
    SignedRequest req = unsigned.withHeaders(Map.of("Signature", sig));
    ParsedSignature parsed = VERIFIER.parse(req);
    assertEquals(gtsKeyId, parsed.keyId());
    assertEquals("hs2019", parsed.algorithm());
    assertTrue(VERIFIER.verify(req, parsed, TestKeys.ALICE.getPublic()).isOk());
    assertEquals(SignatureFailure.BAD_SIGNATURE, VERIFIER.verify(req, parsed, TestKeys.BOB.getPublic()).failure());
  }

  @Test
  void refusesUnsupportedAlgorithms() {
    SignedRequest req = cavagePost(CLOCK);
    String sig = req.header("signature").orElseThrow().replace("rsa-sha256", "hmac-sha256");
    VerificationResult r = VERIFIER.verify(req.withHeaders(Map.of("Signature", sig)), TestKeys.ALICE.getPublic());
    assertEquals(SignatureFailure.UNSUPPORTED_ALGORITHM, r.failure());
  }

  @Test
  void unsignedAndMalformedRequestsAreNamed() {
    SignedRequest none = SignedRequest.of("POST", INBOX, Map.of("Host", "grenoble.example"), BODY);
    HttpSignatureException e = assertThrows(HttpSignatureException.class, () -> VERIFIER.parse(none));
    assertEquals(SignatureFailure.MISSING_SIGNATURE, e.reason());
    assertEquals(401, e.httpStatus());
    for (String junk : List.of("garbage", "keyId=\"x\"", "keyId=\"x\",signature=\"%%%\"", "keyId=\"x,signature=\"abc")) {
      SignedRequest bad = none.withHeaders(Map.of("Signature", junk));
      assertEquals(SignatureFailure.MALFORMED_SIGNATURE, VERIFIER.verify(bad, TestKeys.ALICE.getPublic()).failure(), junk);
    }
    for (String junk : List.of("sig1=(", "sig1=(\"@method\")", "sig1=(\"@method\");keyid=1", "sig1=x;;")) {
      SignedRequest bad = none.withHeaders(Map.of("Signature-Input", junk, "Signature", "sig1=:AAAA:"));
      assertEquals(SignatureFailure.MALFORMED_SIGNATURE, VERIFIER.verify(bad, TestKeys.ALICE.getPublic()).failure(), junk);
    }
  }

  @Test
  void signatureFieldsCutShortAreMalformedNotACrash() {
    // Found by SignatureHeadersFuzzTest.structuredFieldDictionary: a key or '=' at the end of the field read
    // past the end of the string (an unchecked exception, so a 500 from the inbox).
    SignedRequest none = SignedRequest.of("POST", INBOX, Map.of("Host", "grenoble.example"), BODY);
    for (String cut : List.of("sig1", "sig1=", "sig1=(\"@method\");keyid", "sig1=(\"@method\");keyid=")) {
      SignedRequest bad = none.withHeaders(Map.of("Signature-Input", cut, "Signature", "sig1=:AAAA:"));
      assertEquals(SignatureFailure.MALFORMED_SIGNATURE, VERIFIER.verify(bad, TestKeys.ALICE.getPublic()).failure(), cut);
      SignedRequest badSignature = none.withHeaders(Map.of("Signature-Input", "sig1=(\"@method\");keyid=\"k\"",
          "Signature", cut));
      assertEquals(SignatureFailure.MALFORMED_SIGNATURE,
          VERIFIER.verify(badSignature, TestKeys.ALICE.getPublic()).failure(), cut);
    }
  }

  @Test
  void createdOrExpiresBeyondTheTimeLineIsMalformedNotACrash() {
    // Instant.ofEpochSecond threw DateTimeException (unchecked: a 500 from the inbox) for draft-cavage's 64-bit
    // created and expires parameters.
    SignedRequest none = SignedRequest.of("POST", INBOX, Map.of("Host", "grenoble.example", "Digest",
        Digests.digestHeader(BODY)), BODY);
    for (String times : List.of("created=9223372036854775807", "expires=-9223372036854775808",
        "expires=9223372036854775807")) {
      SignedRequest bad = none.withHeaders(Map.of("Signature", "keyId=\"" + KEY_ID + "\",algorithm=\"hs2019\","
          + times + ",headers=\"(request-target) (created) (expires) host digest\",signature=\"AAAA\""));
      assertEquals(SignatureFailure.MALFORMED_SIGNATURE, VERIFIER.verify(bad, TestKeys.ALICE.getPublic()).failure(),
          times);
    }
  }

  @Test
  void cavageParametersMayHaveSpacesAroundTheEqualsSign() {
    // Found by SignatureHeadersFuzzTest.signedRequest: `algorithm= "hs2019"` kept the quotes in the value.
    SignedRequest req = SignedRequest.of("POST", INBOX, Map.of("Signature",
        "keyId = \"" + KEY_ID + "\", algorithm= \"hs2019\",headers =\"date\",signature=  \"AAAA\""), BODY);
    ParsedSignature parsed = VERIFIER.parse(req);
    assertEquals(KEY_ID, parsed.keyId());
    assertEquals("hs2019", parsed.algorithm());
    assertEquals(List.of("date"), parsed.covered());
  }

  @Test
  void rfc9421WithoutMethodOrCreatedIsRefused() {
    SignedRequest unsigned = SignedRequest.of("GET", INBOX, Map.of(), null);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("keyid", KEY_ID);
    Map<String, String> f = Rfc9421Signer.signatureFields(unsigned, "sig1", List.of("@method", "@target-uri"), params,
        TestKeys.ALICE.getPrivate(), SignatureAlgorithm.RSA_V1_5_SHA256);
    assertEquals(SignatureFailure.DATE_NOT_COVERED, VERIFIER.verify(unsigned.withHeaders(f), TestKeys.ALICE.getPublic()).failure());
    params.put("created", NOW.getEpochSecond());
    f = Rfc9421Signer.signatureFields(unsigned, "sig1", List.of("@target-uri"), params,
        TestKeys.ALICE.getPrivate(), SignatureAlgorithm.RSA_V1_5_SHA256);
    assertEquals(SignatureFailure.TARGET_NOT_COVERED, VERIFIER.verify(unsigned.withHeaders(f), TestKeys.ALICE.getPublic()).failure());
    // @authority + @path is an accepted way to cover the target
    f = Rfc9421Signer.signatureFields(unsigned, "sig1", List.of("@method", "@authority", "@path"), params,
        TestKeys.ALICE.getPrivate(), SignatureAlgorithm.RSA_V1_5_SHA256);
    assertTrue(VERIFIER.verify(unsigned.withHeaders(f), TestKeys.ALICE.getPublic()).isOk());
  }
}
