package org.coordo.federation.actor;

import org.coordo.federation.LocalActor;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.KeyResolver;
import org.coordo.federation.sig.ResolvedKey;

/**
 * Resolves key ids of this node's own actors from the local store ({@code /actors/{name}#main-key},
 * {@code /actor#main-key}, or GoToSocial-style {@code …/main-key}) and hands every other key id
 * to the remote resolver. A local key id that names no actor fails (never fetched over HTTP).
 */
public final class LocalKeyResolver implements KeyResolver {

  private final Uris uris;
  private final LocalActors actors;
  private final ActorDocuments documents;
  private final KeyResolver remote;

  /** @param remote resolver for other nodes' keys; null to refuse every remote key */
  public LocalKeyResolver(Uris uris, LocalActors actors, ActorDocuments documents, KeyResolver remote) {
    this.uris = uris;
    this.actors = actors;
    this.documents = documents;
    this.remote = remote;
  }

  @Override
  public Future<ResolvedKey> resolve(String keyId, boolean refresh) {
    URI uri;
    try {
      uri = URI.create(keyId);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(new FederationException(401, "malformed key id"));
    }
    if (!uri.isAbsolute() || !uris.isLocal(uri)) {
      return remote != null
          ? remote.resolve(keyId, refresh)
          : Future.failedFuture(new FederationException(401, "remote keys cannot be resolved here"));
    }
    Optional<String> name = localName(uri);
    if (name.isEmpty()) {
      return Future.failedFuture(new FederationException(401, "unknown local key " + keyId));
    }
    return actors.find(name.get()).compose(found -> {
      if (found.isEmpty() || !documents.keyIdOf(found.get()).toString().equals(withFragmentKey(uri))) {
        return Future.failedFuture(new FederationException(401, "unknown local key " + keyId));
      }
      LocalActor actor = found.get();
      return Future.succeededFuture(new ResolvedKey(
          keyId, documents.idOf(actor).toString(), ActorKeys.publicKeyFromPem(actor.publicKeyPem())));
    });
  }

  private Optional<String> localName(URI keyUri) {
    return uris.localActorName(Uris.withoutFragment(URI.create(withFragmentKey(keyUri))));
  }

  /** {@code …/main-key} normalised to {@code …#main-key}. */
  private static String withFragmentKey(URI keyUri) {
    String s = keyUri.toString();
    return s.endsWith("/main-key") && keyUri.getFragment() == null
        ? s.substring(0, s.length() - "/main-key".length()) + "#main-key"
        : s;
  }
}
