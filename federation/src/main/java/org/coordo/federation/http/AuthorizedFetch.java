package org.coordo.federation.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.sig.InboundVerifier;
import org.coordo.federation.sig.SignedRequest;
import org.coordo.federation.sig.VerifiedSigner;
import org.coordo.federation.sig.VertxSignedRequests;

/**
 * Authorized-fetch mode (Mastodon's "secure mode"): GETs of actors (not the instance actor, which
 * remote servers must be able to read to check our own signed fetches), collections and
 * activities must carry a valid HTTP signature. When the mode is off, every GET passes unsigned.
 */
public final class AuthorizedFetch {
  /** RoutingContext key of the {@link VerifiedSigner} of a signed GET. */
  public static final String SIGNER = "coordo.signer";

  private final boolean required;
  private final InboundVerifier verifier;
  private final URI publicUrl;

  /**
   * @param required whether signatures are required (FederationConfig.authorizedFetch)
   * @param verifier the inbound verifier; may be null only when not required
   */
  public AuthorizedFetch(boolean required, InboundVerifier verifier, URI publicUrl) {
    if (required && verifier == null) {
      throw new IllegalArgumentException("authorized fetch needs a signature verifier (a KeyResolver)");
    }
    this.required = required;
    this.verifier = verifier;
    this.publicUrl = publicUrl;
  }

  public boolean required() {
    return required;
  }

  /**
   * Succeeds with the signer when the request is signed and verifies, with empty when signatures
   * are not required; fails with a 401 FederationException naming the reason otherwise.
   */
  public Future<Optional<VerifiedSigner>> check(RoutingContext ctx) {
    if (!required) {
      return Future.succeededFuture(Optional.empty());
    }
    String hasSignature = ctx.request().getHeader("Signature");
    if (hasSignature == null && ctx.request().getHeader("Signature-Input") == null) {
      return Future.failedFuture(new FederationException(401, "this node requires signed fetches (authorized fetch)"));
    }
    SignedRequest request;
    try {
      request = VertxSignedRequests.from(ctx.request(), null, publicUrl);
    } catch (RuntimeException e) {
      return Future.failedFuture(new FederationException(401, "malformed signed request"));
    }
    return verifier.verify(request)
        .map(signer -> {
          ctx.put(SIGNER, signer);
          return Optional.of(signer);
        })
        .recover(err -> Future.failedFuture(new FederationException(401,
            "signature refused: " + (err.getMessage() == null ? "unverifiable" : err.getMessage()), err)));
  }
}
