package org.coordo.server.domain.publication;

import java.time.Instant;
import java.util.Objects;

/**
 * A remote reply (a {@code Note} with {@code inReplyTo} one of our publications).
 *
 * @param id the remote Note's id
 * @param target the publication it answers
 * @param authorId the remote actor id
 * @param contentHtml remote HTML, sanitised before it was stored
 * @param url the Note's human URL, or null
 */
public record Reply(
    String id,
    PublicationKey target,
    String authorId,
    String contentHtml,
    String url,
    Instant published,
    Instant receivedAt,
    Instant updatedAt,
    ReplyState state) {

  public Reply {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public Reply withState(ReplyState newState) {
    return new Reply(id, target, authorId, contentHtml, url, published, receivedAt, updatedAt, newState);
  }

  public Reply withContent(String html, Instant updated) {
    return new Reply(id, target, authorId, html, url, published, receivedAt, updated, state);
  }
}
