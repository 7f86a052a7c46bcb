package org.coordo.server.domain.group;

import java.time.Instant;
import java.util.Objects;

/**
 * A post on a working group's notice board: internal to the group, never federated.
 *
 * @param id time-sortable (newest last in key order)
 * @param author the pilot's user name
 * @param text Markdown source as typed
 * @param html its sanitised rendering
 */
public record BoardPost(String id, String collective, String group, String author, String text, String html,
    Instant created) {

  public BoardPost {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(created, "created");
  }
}
