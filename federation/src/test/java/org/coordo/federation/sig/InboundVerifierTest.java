package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InboundVerifierTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  static final URI INBOX = URI.create("https://grenoble.example/inbox");
  static final String KEY_ID = "https://lyon.example/actors/lyon#main-key";
  static final String OWNER = "https://lyon.example/actors/lyon";
  static final byte[] BODY = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);

  WorkerExecutor crypto;

  /** A resolver that records its calls and answers with the function's key. */
  static final class CountingResolver implements KeyResolver {
    final List<Boolean> calls = new ArrayList<>();
    final Function<Boolean, PublicKey> keyFor;

    CountingResolver(Function<Boolean, PublicKey> keyFor) {
      this.keyFor = keyFor;
    }

    @Override
    public Future<ResolvedKey> resolve(String keyId, boolean refresh) {
      calls.add(refresh);
      PublicKey key = keyFor.apply(refresh);
      return key == null ? Future.failedFuture(new IllegalStateException("gone (410)"))
          : Future.succeededFuture(new ResolvedKey(keyId, OWNER, key));
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    crypto = vertx.createSharedWorkerExecutor("sig-test-crypto");
  }

  @AfterEach
  void tearDown() {
    crypto.close();
  }

  InboundVerifier verifier(KeyResolver resolver) {
    return new InboundVerifier(resolver, new SignatureVerifier(CLOCK, Duration.ofHours(1)), crypto);
  }

  static SignedRequest post(RequestSigner signer) {
    return SignedRequest.of("POST", INBOX, signer.sign("POST", INBOX, BODY), BODY);
  }

  @Test
  void verifiesWithTheCachedKeyInOneResolve(VertxTestContext ctx) {
    CountingResolver resolver = new CountingResolver(refresh -> TestKeys.ALICE.getPublic());
    verifier(resolver).verify(post(new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK)))
        .onComplete(ctx.succeeding(signer -> ctx.verify(() -> {
          assertEquals(new VerifiedSigner(KEY_ID, OWNER, SignatureScheme.CAVAGE), signer);
          assertEquals(List.of(false), resolver.calls);
          ctx.completeNow();
        })));
  }

  @Test
  void refetchesTheKeyOnceWhenTheCachedOneFails(VertxTestContext ctx) {
    // the cache holds Bob's (old) key; a refresh returns Alice's rotated key
    CountingResolver resolver = new CountingResolver(refresh -> refresh ? TestKeys.ALICE.getPublic() : TestKeys.BOB.getPublic());
    verifier(resolver).verify(post(new Rfc9421Signer(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK)))
        .onComplete(ctx.succeeding(signer -> ctx.verify(() -> {
          assertEquals(SignatureScheme.RFC9421, signer.scheme());
          assertEquals(List.of(false, true), resolver.calls);
          ctx.completeNow();
        })));
  }

  @Test
  void failsAfterExactlyOneRefetch(VertxTestContext ctx) {
    CountingResolver resolver = new CountingResolver(refresh -> TestKeys.BOB.getPublic());
    verifier(resolver).verify(post(new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK)))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          HttpSignatureException e = assertInstanceOf(HttpSignatureException.class, err);
          assertEquals(SignatureFailure.BAD_SIGNATURE, e.reason());
          assertEquals(401, e.httpStatus());
          assertEquals(List.of(false, true), resolver.calls);
          ctx.completeNow();
        })));
  }

  @Test
  void refusesAStaleRequestWithoutResolvingAnyKey(VertxTestContext ctx) {
    CountingResolver resolver = new CountingResolver(refresh -> TestKeys.ALICE.getPublic());
    Clock old = Clock.offset(CLOCK, Duration.ofHours(-2));
    verifier(resolver).verify(post(new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), old)))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(SignatureFailure.DATE_TOO_OLD, ((HttpSignatureException) err).reason());
          assertTrue(resolver.calls.isEmpty());
          ctx.completeNow();
        })));
  }

  @Test
  void anUnresolvableKeyIsKeyUnavailable(VertxTestContext ctx) {
    CountingResolver resolver = new CountingResolver(refresh -> null);
    verifier(resolver).verify(post(new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), CLOCK)))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          HttpSignatureException e = (HttpSignatureException) err;
          assertEquals(SignatureFailure.KEY_UNAVAILABLE, e.reason());
          assertTrue(e.getMessage().contains("gone (410)"), e.getMessage());
          assertEquals(List.of(false), resolver.calls);
          ctx.completeNow();
        })));
  }

  @Test
  void anUnsignedRequestFailsWithMissingSignature(VertxTestContext ctx) {
    CountingResolver resolver = new CountingResolver(refresh -> TestKeys.ALICE.getPublic());
    verifier(resolver).verify(SignedRequest.of("POST", INBOX, java.util.Map.of(), BODY))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(SignatureFailure.MISSING_SIGNATURE, ((HttpSignatureException) err).reason());
          ctx.completeNow();
        })));
  }
}
