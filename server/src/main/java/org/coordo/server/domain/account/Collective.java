package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A collective hosted on this node (a city, or the national coordination). It is also a {@code
 * Group} actor of the same name; follower approval and keys live on that actor.
 *
 * @param name the handle part, validated like {@code Uris.isValidActorName}; never changes
 * @param description Markdown source as typed
 * @param descriptionHtml the sanitised HTML rendering of {@code description}
 * @param publishesAsCollective whether new publications are published as the collective (author
 *     hidden) unless the editor chooses otherwise
 */
public record Collective(
    String name, String displayName, String description, String descriptionHtml, Instant created,
    boolean publishesAsCollective) {

  public Collective {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    description = description == null ? "" : description;
    descriptionHtml = descriptionHtml == null ? "" : descriptionHtml;
  }

  /** A collective whose publications name their author unless the editor chooses otherwise. */
  public Collective(String name, String displayName, String description, String descriptionHtml, Instant created) {
    this(name, displayName, description, descriptionHtml, created, false);
  }
}
