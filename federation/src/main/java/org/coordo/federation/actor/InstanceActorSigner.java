package org.coordo.federation.actor;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.sig.SigningKey;

/**
 * Signs outbound fetches with the instance actor's key ({@code /actor#main-key}). Built before the
 * instance actor is known to exist (the fetcher needs a signer at construction); {@link #load}
 * (called by {@code Federation.start}) reads the key. Signing before that fails.
 */
public final class InstanceActorSigner implements RequestSigner {

  private final String keyId;
  private final Clock clock;
  private volatile RequestSigner delegate;
  private volatile SigningKey signingKey;

  public InstanceActorSigner(Uris uris, Clock clock) {
    this.keyId = uris.instanceActorKey().toString();
    this.clock = clock;
  }

  /** Ensures the instance actor exists and loads its private key. */
  public Future<Void> load(LocalActors actors) {
    return actors.ensureInstanceActor().map(actor -> {
      signingKey = new SigningKey(keyId, ActorKeys.privateKeyFromPem(actor.privateKeyPem()));
      delegate = new CavageSigner(keyId, signingKey.key(), clock);
      return null;
    });
  }

  /** The instance actor's key for the double knock; null before {@link #load}. */
  public SigningKey signingKey() {
    return signingKey;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public Map<String, String> sign(String method, URI target, byte[] body) {
    RequestSigner signer = delegate;
    if (signer == null) {
      throw new IllegalStateException("the instance actor key is not loaded yet (Federation.start)");
    }
    return signer.sign(method, target, body);
  }
}
