package org.coordo.federation.sig;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Objects;

/**
 * The whole incoming-signature check, Future-based:
 * parse → coverage, time window and digest (no key needed) → resolve the key (the resolver caches) → verify on
 * the worker executor → if the signature itself does not verify, resolve again with {@code refresh=true} once and
 * retry (the sender may have rotated its key) → {@link VerifiedSigner}.
 *
 * <p>Failures are an {@link HttpSignatureException} carrying the {@link SignatureFailure}; answer 401 with its
 * message before processing or storing anything (senders that double-knock retry with the other scheme).
 * A resolver failure becomes {@link SignatureFailure#KEY_UNAVAILABLE} with the resolver's error as cause.
 *
 * <p>Not done here, on purpose: checking that {@link VerifiedSigner#ownerActorId()} is the activity's actor
 * (or same-origin with it), and that the key id and owner are consistent with the key document. That is the
 * inbox pipeline's job.
 */
public final class InboundVerifier {
  private final KeyResolver resolver;
  private final SignatureVerifier verifier;
  private final WorkerExecutor crypto;

  /**
   * @param resolver finds keys by id
   * @param verifier holds the clock and the window
   * @param crypto the worker executor RSA verification runs on (never the event loop)
   */
  public InboundVerifier(KeyResolver resolver, SignatureVerifier verifier, WorkerExecutor crypto) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.crypto = Objects.requireNonNull(crypto, "crypto");
  }

  public Future<VerifiedSigner> verify(SignedRequest request) {
    ParsedSignature parsed;
    try {
      parsed = verifier.parse(request);
      verifier.checkRequest(request, parsed).orThrow();
    } catch (HttpSignatureException e) {
      return Future.failedFuture(e);
    }
    return attempt(request, parsed, false).compose(key -> {
      if (key != null) {
        return Future.succeededFuture(key);
      }
      return attempt(request, parsed, true).compose(fresh -> fresh != null
          ? Future.succeededFuture(fresh)
          : Future.failedFuture(new HttpSignatureException(SignatureFailure.BAD_SIGNATURE,
              "the signature does not verify with key " + parsed.keyId() + ", even after fetching it again")));
    }).map(key -> new VerifiedSigner(parsed.keyId(), key.ownerActorId(), parsed.scheme()));
  }

  /** Resolves and checks; succeeds with the key, with null when only the signature did not verify. */
  private Future<ResolvedKey> attempt(SignedRequest request, ParsedSignature parsed, boolean refresh) {
    return resolveKey(parsed.keyId(), refresh).compose(key -> crypto.executeBlocking(
        () -> verifier.checkSignature(request, parsed, key.key()), false).compose(result -> {
          if (result.isOk()) {
            return Future.succeededFuture(key);
          }
          if (result.failure() == SignatureFailure.BAD_SIGNATURE) {
            return Future.succeededFuture(null);
          }
          return Future.failedFuture(new HttpSignatureException(result.failure(), result.message()));
        }));
  }

  private Future<ResolvedKey> resolveKey(String keyId, boolean refresh) {
    Future<ResolvedKey> f;
    try {
      f = resolver.resolve(keyId, refresh);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.recover(err -> Future.failedFuture(err instanceof HttpSignatureException
        ? err
        : new HttpSignatureException(SignatureFailure.KEY_UNAVAILABLE,
            "the key " + keyId + " could not be obtained: " + safe(err), err)))
        .compose(key -> key == null
            ? Future.failedFuture(new HttpSignatureException(SignatureFailure.KEY_UNAVAILABLE, "no key " + keyId))
            : Future.succeededFuture(key));
  }

  private static String safe(Throwable err) {
    String m = err.getMessage();
    return m == null ? err.getClass().getSimpleName() : (m.length() > 200 ? m.substring(0, 200) : m);
  }
}
