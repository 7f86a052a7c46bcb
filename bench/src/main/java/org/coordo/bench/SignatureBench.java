package org.coordo.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.ParsedSignature;
import org.coordo.federation.sig.Rfc9421Signer;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.sig.SignedRequest;
import org.coordo.federation.sig.VerificationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * HTTP Signatures with one RSA-2048 key on a {@code POST /inbox} of a typical {@code Create{Note}}: draft-cavage
 * signing (what delivery does per job), draft-cavage and RFC 9421 verification (what the inbox does per request,
 * parse included), and the RSA check alone. Run e.g.
 * {@code java -jar bench/target/benchmarks.jar SignatureBench -f 1 -wi 2 -w 2s -i 3 -r 3s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBench {
  static final URI INBOX = URI.create("https://city.example/inbox");
  static final String KEY_ID = "https://remote.example/actors/alice#main-key";

  KeyPair keys;
  byte[] body;
  CavageSigner cavageSigner;
  SignatureVerifier verifier;
  SignedRequest cavageSigned;
  ParsedSignature cavageParsed;
  SignedRequest rfc9421Signed;

  @Setup(Level.Trial)
  public void setUp() {
    keys = ActorKeys.generate();
    body = Fixtures.createNote("https://remote.example", "alice", 1).getBytes(StandardCharsets.UTF_8);
    Clock clock = Clock.systemUTC();
    cavageSigner = new CavageSigner(KEY_ID, keys.getPrivate(), clock);
    verifier = new SignatureVerifier(clock, SignatureVerifier.DEFAULT_WINDOW);
    cavageSigned = signed(cavageSigner.sign("POST", INBOX, body));
    cavageParsed = verifier.parse(cavageSigned);
    rfc9421Signed = signed(new Rfc9421Signer(KEY_ID, keys.getPrivate(), clock).sign("POST", INBOX, body));
    for (SignedRequest r : new SignedRequest[] {cavageSigned, rfc9421Signed}) {
      VerificationResult result = verifier.verify(r, keys.getPublic());
      if (!result.isOk()) {
        throw new IllegalStateException("fixture does not verify: " + result);
      }
    }
  }

  private SignedRequest signed(Map<String, String> added) {
    return SignedRequest.of("POST", INBOX, Map.of("Content-Type", "application/activity+json"), body)
        .withHeaders(added);
  }

  /** Host, Date, Digest and an RSA-SHA256 Signature header. */
  @Benchmark
  public Map<String, String> cavageSign() {
    return cavageSigner.sign("POST", INBOX, body);
  }

  /** Parse, coverage, window, digest and RSA check of a draft-cavage request. */
  @Benchmark
  public VerificationResult cavageVerify() {
    return verifier.verify(cavageSigned, keys.getPublic());
  }

  /** The RSA check alone, on a parsed draft-cavage signature (what runs on the inbox's worker). */
  @Benchmark
  public VerificationResult cavageCheckSignatureOnly() {
    return verifier.checkSignature(cavageSigned, cavageParsed, keys.getPublic());
  }

  /** Parse, coverage, window, content-digest and RSA check of an RFC 9421 request. */
  @Benchmark
  public VerificationResult rfc9421Verify() {
    return verifier.verify(rfc9421Signed, keys.getPublic());
  }
}
