package org.coordo.federation;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.coordo.federation.Ownership;
import org.coordo.federation.vocab.As;

/**
 * A remote actor as this node knows it, from a validated actor document.
 *
 * @param id the actor id (equal to {@code publicKey.owner})
 * @param type Person, Group, Application, Organization or Service
 * @param preferredUsername may be null (some servers omit it)
 * @param inbox the actor's inbox (absolute http(s))
 * @param sharedInbox {@code endpoints.sharedInbox}, or null
 * @param publicKeyId the id of its (first) key owned by the actor
 * @param publicKeyPem that key in PEM
 * @param document the whole document as fetched
 */
public record RemoteActor(
    URI id,
    String type,
    String preferredUsername,
    URI inbox,
    URI sharedInbox,
    String publicKeyId,
    String publicKeyPem,
    JsonObject document) {

  /** The ActivityStreams actor types. */
  public static final Set<String> ACTOR_TYPES = Set.of("Person", "Group", "Application", "Organization", "Service");

  public RemoteActor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(publicKeyId, "publicKeyId");
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(document, "document");
  }

  /** Where to deliver to this actor: its shared inbox when it has one, else its inbox. */
  public URI deliveryInbox() {
    return sharedInbox != null ? sharedInbox : inbox;
  }

  /** The PEM of the key with that id, if the document lists it, the actor owns it and it is of the actor's origin. */
  public Optional<String> findKeyPem(String keyId) {
    for (Object o : As.oneOrMany(document, "publicKey")) {
      if (o instanceof JsonObject key
          && keyId.equals(key.getValue("id"))
          && id.toString().equals(As.idOf(key.getValue("owner")))
          && Ownership.sameOrigin(keyId, id)
          && key.getValue("publicKeyPem") instanceof String pem) {
        return Optional.of(pem);
      }
    }
    return Optional.empty();
  }

  /** The follower collection URL ({@code followers}), or null. */
  public String followers() {
    return As.idOf(document.getValue("followers"));
  }

  /** Whether the document asks for follow approval. */
  public boolean manuallyApprovesFollowers() {
    return document.getBoolean("manuallyApprovesFollowers", false) == Boolean.TRUE;
  }
}
