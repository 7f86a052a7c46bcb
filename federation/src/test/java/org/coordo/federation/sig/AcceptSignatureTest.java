package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcceptSignatureTest {
  private static final String KEY_ID = "https://grenoble.example/actors/grenoble#main-key";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void aSatisfiableChallengeIsSignedAsAskedAndVerifies() {
    String header = "sig9=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\" \"content-type\");"
        + "created;expires;keyid=\"" + KEY_ID + "\";alg=\"rsa-v1_5-sha256\";nonce=\"abc\";tag=\"t\"";
    AcceptSignature challenge = AcceptSignature.satisfiable(header, KEY_ID, Set.of("content-type")).orElseThrow();
    URI inbox = URI.create("https://masto.example/inbox");
    byte[] body = "{\"type\":\"Announce\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> sent = Map.of("Content-Type", "application/activity+json");
    Map<String, String> added = challenge.sign("POST", inbox, body, sent,
        new SigningKey(KEY_ID, TestKeys.ALICE.getPrivate()), CLOCK);

    String input = added.get("Signature-Input");
    assertTrue(input.startsWith("sig9=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\" \"content-type\")"),
        input);
    assertTrue(input.contains(";created=1796472000;expires=1796472300;keyid=\"" + KEY_ID
        + "\";alg=\"rsa-v1_5-sha256\";nonce=\"abc\";tag=\"t\""), input);
    Map<String, String> all = new java.util.LinkedHashMap<>(sent);
    all.putAll(added);
    SignedRequest request = SignedRequest.of("POST", inbox, all, body);
    SignatureVerifier verifier = new SignatureVerifier(CLOCK, java.time.Duration.ofHours(1));
    VerificationResult result = verifier.verify(request, verifier.parse(request), TestKeys.ALICE.getPublic());
    assertTrue(result.isOk(), String.valueOf(result));
  }

  @Test
  void challengesWeCannotMeetAreRefused() {
    Set<String> sent = Set.of("content-type");
    assertTrue(AcceptSignature.satisfiable("sig1=(\"@method\");alg=\"ed25519\"", KEY_ID, sent).isEmpty(), "alg");
    assertTrue(AcceptSignature.satisfiable("sig1=(\"@method\");keyid=\"other#key\"", KEY_ID, sent).isEmpty(), "key");
    assertTrue(AcceptSignature.satisfiable("sig1=(\"x-secret\")", KEY_ID, sent).isEmpty(), "a header we lack");
    assertTrue(AcceptSignature.satisfiable("sig1=(\"@query-param\";name=\"a\")", KEY_ID, sent).isEmpty(), "params");
    assertTrue(AcceptSignature.satisfiable("not a dictionary ((", KEY_ID, sent).isEmpty(), "malformed");
    assertTrue(AcceptSignature.satisfiable(null, KEY_ID, sent).isEmpty());
    assertEquals("ok=(\"@method\" \"date\");created", AcceptSignature.satisfiable(
        "bad=(\"x-secret\"), ok=(\"@method\" \"date\");created", KEY_ID, sent).orElseThrow().serialized(),
        "the first member we can meet");
  }
}
