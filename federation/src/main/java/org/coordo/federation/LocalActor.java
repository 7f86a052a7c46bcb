package org.coordo.federation;


import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * An actor hosted on this node, as the protocol layer stores it. The server decides what the actor
 * is in its own domain (a collective is a Group, a member a Person); this record holds only what
 * federation needs to publish its document and sign for it.
 *
 * @param name the local user name ({@code preferredUsername}, the part before '@' in the handle)
 * @param summary HTML, already sanitised by whoever wrote it
 * @param iconUrl absolute URL of the avatar, or null
 * @param privateKeyPem PKCS#8 PEM; never leaves the node
 */
public record LocalActor(
    String name,
    ActorType type,
    String displayName,
    String summary,
    String iconUrl,
    Instant published,
    boolean manuallyApprovesFollowers,
    boolean discoverable,
    String publicKeyPem,
    String privateKeyPem) {

  public LocalActor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
  }

  public JsonObject toStorageJson() {
    return new JsonObject()
        .put("name", name)
        .put("type", type.name())
        .put("displayName", displayName)
        .put("summary", summary)
        .put("iconUrl", iconUrl)
        .put("published", published.toEpochMilli())
        .put("manuallyApprovesFollowers", manuallyApprovesFollowers)
        .put("discoverable", discoverable)
        .put("publicKeyPem", publicKeyPem)
        .put("privateKeyPem", privateKeyPem);
  }

  public static LocalActor fromStorageJson(JsonObject j) {
    return new LocalActor(
        j.getString("name"),
        ActorType.valueOf(j.getString("type")),
        j.getString("displayName"),
        j.getString("summary"),
        j.getString("iconUrl"),
        Instant.ofEpochMilli(j.getLong("published")),
        j.getBoolean("manuallyApprovesFollowers", false),
        j.getBoolean("discoverable", true),
        j.getString("publicKeyPem"),
        j.getString("privateKeyPem"));
  }
}
