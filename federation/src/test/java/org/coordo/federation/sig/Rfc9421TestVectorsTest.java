package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9421 Appendix B.2 (and the section 4.3 rsa-v1_5-sha256 example): signature bases and published values. */
class Rfc9421TestVectorsTest {
  static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  static final String CONTENT_DIGEST =
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";
  static final SignatureVerifier VECTORS = new SignatureVerifier(
      Clock.fixed(Instant.ofEpochSecond(1618884475L), ZoneOffset.UTC), SignatureVerifier.DEFAULT_WINDOW)
      .withoutCoverageRules();

  /** The RFC's "test-request", with the given signature fields. */
  static SignedRequest testRequest(String signatureInput, String signature) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "example.com");
    h.put("Date", "Tue, 20 Apr 2021 02:07:55 GMT");
    h.put("Content-Type", "application/json");
    h.put("Content-Digest", CONTENT_DIGEST);
    h.put("Content-Length", "18");
    if (signatureInput != null) {
      h.put("Signature-Input", signatureInput);
      h.put("Signature", signature);
    }
    return SignedRequest.of("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"), h, BODY);
  }

  /** test-key-rsa-pss as a key typed RSASSA-PSS: the key material says which algorithm (B.2.1 has no alg). */
  static PublicKey pssKey() throws Exception {
    RSAPublicKey rsa = (RSAPublicKey) ActorKeys.publicKeyFromPem(SpecKeys.RSA_PSS_PUBLIC);
    return KeyFactory.getInstance("RSASSA-PSS").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
  }

  @Test
  void contentDigestSha512OfTheTestBodyMatches() {
    assertEquals(Digests.Check.MATCH, Digests.verifyContentDigest(CONTENT_DIGEST, BODY));
    assertEquals(CONTENT_DIGEST, Digests.contentDigestHeader(BODY, "sha-512"));
  }

  @Test
  void b21MinimalSignatureUsingRsaPssSha512() throws Exception {
    SignedRequest req = testRequest(
        "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
        "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZs"
            + "ckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXeh"
            + "hWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhh"
            + "o8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:");
    ParsedSignature parsed = VECTORS.parse(req);
    assertEquals("test-key-rsa-pss", parsed.keyId());
    assertEquals("sig-b21", parsed.label());
    assertEquals("\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
        Rfc9421Signer.signatureBase(req, parsed));
    VerificationResult r = VECTORS.verify(req, parsed, pssKey());
    assertTrue(r.isOk(), r.message());
  }

  @Test
  void b22SelectiveCoveringUsingRsaPssSha512() throws Exception {
    SignedRequest req = testRequest(
        "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;"
            + "keyid=\"test-key-rsa-pss\";tag=\"header-example\"",
        "sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCM"
            + "kSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTlaqwZVtR8NV7+4UKkjq"
            + "pcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0"
            + "RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:");
    ParsedSignature parsed = VECTORS.parse(req);
    assertEquals(String.join("\n",
        "\"@authority\": example.com",
        "\"content-digest\": " + CONTENT_DIGEST,
        "\"@query-param\";name=\"Pet\": dog",
        "\"@signature-params\": (\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;"
            + "keyid=\"test-key-rsa-pss\";tag=\"header-example\""), Rfc9421Signer.signatureBase(req, parsed));
    VerificationResult r = VECTORS.verify(req, parsed, pssKey());
    assertTrue(r.isOk(), r.message());
  }

  @Test
  void b23FullCoverageUsingRsaPssSha512() throws Exception {
    SignedRequest req = testRequest(
        "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" "
            + "\"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
        "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp7"
            + "68ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7"
            + "YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5Z"
            + "JzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:");
    ParsedSignature parsed = VECTORS.parse(req);
    assertEquals(String.join("\n",
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
        "\"@method\": POST",
        "\"@path\": /foo",
        "\"@query\": ?param=Value&Pet=dog",
        "\"@authority\": example.com",
        "\"content-type\": application/json",
        "\"content-digest\": " + CONTENT_DIGEST,
        "\"content-length\": 18",
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" "
            + "\"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\""),
        Rfc9421Signer.signatureBase(req, parsed));
    VerificationResult r = VECTORS.verify(req, parsed, pssKey());
    assertTrue(r.isOk(), r.message());
    // this one covers method, authority, path, date and digest: the strict inbox rules accept it too
    SignatureVerifier strict = new SignatureVerifier(
        Clock.fixed(Instant.ofEpochSecond(1618884475L), ZoneOffset.UTC), SignatureVerifier.DEFAULT_WINDOW);
    assertTrue(strict.verify(req, pssKey()).isOk());
  }

  static final String B26_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
      + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
  static final String B26_SIGNATURE =
      "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";

  @Test
  void b26SigningARequestUsingEd25519() {
    SignedRequest req = testRequest(B26_INPUT, B26_SIGNATURE);
    ParsedSignature parsed = VECTORS.parse(req);
    assertEquals(String.join("\n",
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
        "\"@method\": POST",
        "\"@path\": /foo",
        "\"@authority\": example.com",
        "\"content-type\": application/json",
        "\"content-length\": 18",
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");"
            + "created=1618884473;keyid=\"test-key-ed25519\""), Rfc9421Signer.signatureBase(req, parsed));
    PublicKey pub = ActorKeys.publicKeyFromPem(SpecKeys.ED25519_PUBLIC);
    VerificationResult r = VECTORS.verify(req, parsed, pub);
    assertTrue(r.isOk(), r.message());

    // Ed25519 is deterministic: signing reproduces the published fields
    PrivateKey priv = ActorKeys.privateKeyFromPem(SpecKeys.ED25519_PRIVATE);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", 1618884473L);
    params.put("keyid", "test-key-ed25519");
    Map<String, String> fields = Rfc9421Signer.signatureFields(testRequest(null, null), "sig-b26",
        List.of("date", "@method", "@path", "@authority", "content-type", "content-length"), params, priv,
        SignatureAlgorithm.ED25519);
    assertEquals(B26_INPUT, fields.get("Signature-Input"));
    assertEquals(B26_SIGNATURE, fields.get("Signature"));
  }

  /** Section 4.3: the proxy's signature, the RFC's only rsa-v1_5-sha256 value (deterministic, so reproducible). */
  @Test
  void rsaV15Sha256ProxySignatureOfSection43() {
    String input = "proxy_sig=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-type\" \"content-length\" "
        + "\"forwarded\");created=1618884480;keyid=\"test-key-rsa\";alg=\"rsa-v1_5-sha256\";expires=1618884540";
    String signature = "proxy_sig=:S6ZzPXSdAMOPjN/6KXfXWNO/f7V6cHm7BXYUh3YD/fRad4BCaRZxP+JH+8XY1I6+8Cy+CM5g92iHgxtRPz"
        + "+MjniOaYmdkDcnL9cCpXJleXsOckpURl49GwiyUpZ10KHgOEe11sx3G2gxI8S0jnxQB+Pu68U9vVcasqOWAEObtNKKZd8tSFu7LB5YAv0R"
        + "AGhB8tmpv7sFnIm9y+7X5kXQfi8NMaZaA8i2ZHwpBdg7a6CMfwnnrtflzvZdXAsD3LH2TwevU+/PBPv0B6NMNk93wUs/vfJvye+YuI87HU"
        + "38lZHowtznbLVdp770I6VHR6WfgS9ddzirrswsE1w5o0LV/g==:";
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", "origin.host.internal.example");
    h.put("Date", "Tue, 20 Apr 2021 02:07:56 GMT");
    h.put("Content-Type", "application/json");
    h.put("Content-Digest", CONTENT_DIGEST);
    h.put("Content-Length", "18");
    h.put("Forwarded", "for=192.0.2.123;host=example.com;proto=https");
    SignedRequest unsigned = SignedRequest.of("POST", URI.create("https://origin.host.internal.example/foo"), h, BODY);
    SignedRequest req = unsigned.withHeaders(Map.of("Signature-Input", input, "Signature", signature));

    SignatureVerifier at = new SignatureVerifier(Clock.fixed(Instant.ofEpochSecond(1618884490L), ZoneOffset.UTC),
        SignatureVerifier.DEFAULT_WINDOW).withoutCoverageRules();
    PublicKey pub = ActorKeys.publicKeyFromPem(SpecKeys.RSA_PUBLIC);
    assertTrue(at.verify(req, pub).isOk());

    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", 1618884480L);
    params.put("keyid", "test-key-rsa");
    params.put("alg", "rsa-v1_5-sha256");
    params.put("expires", 1618884540L);
    Map<String, String> fields = Rfc9421Signer.signatureFields(unsigned, "proxy_sig",
        List.of("@method", "@authority", "@path", "content-digest", "content-type", "content-length", "forwarded"),
        params, ActorKeys.privateKeyFromPem(SpecKeys.RSA_PRIVATE), SignatureAlgorithm.RSA_V1_5_SHA256);
    assertEquals(input, fields.get("Signature-Input"));
    assertEquals(signature, fields.get("Signature"));

    // after its expiry time the same signature is refused
    SignatureVerifier later = new SignatureVerifier(Clock.fixed(Instant.ofEpochSecond(1618884600L), ZoneOffset.UTC),
        SignatureVerifier.DEFAULT_WINDOW).withoutCoverageRules();
    assertEquals(SignatureFailure.EXPIRED, later.verify(req, pub).failure());
  }

  @Test
  void pssPrivateKeyWithPssOidLoadsAndSignsVerifiably() throws Exception {
    PrivateKey priv = ActorKeys.privateKeyFromPem(SpecKeys.RSA_PSS_PRIVATE);
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    byte[] sig = SignatureAlgorithm.RSA_PSS_SHA512.sign(priv, data);
    assertTrue(SignatureAlgorithm.RSA_PSS_SHA512.verify(pssKey(), data, sig));
    assertEquals(BigInteger.valueOf(65537), ((RSAPublicKey) pssKey()).getPublicExponent());
  }
}
