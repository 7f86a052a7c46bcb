package org.coordo.server.domain.publication;

import org.coordo.server.domain.Audience;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A call, minutes or event of a collective.
 *
 * @param id time-sortable id, unique per node
 * @param collective the collective's (Group actor's) name
 * @param authorName the member (Person actor) who wrote it
 * @param title plain text ({@code name} in ActivityStreams)
 * @param summaryText an optional one-line plain-text lead given by the author, or null
 * @param contentSource the Markdown as written
 * @param contentHtml the sanitised HTML rendered from it
 * @param language BCP 47 tag ({@code fr} by default)
 * @param publishedAt when it was first published, null for a draft never published
 * @param updatedAt last change after publication, or null
 * @param deletedAt when it was deleted (state DELETED), or null
 * @param minutes only for {@link PublicationKind#MINUTES}
 * @param event only for {@link PublicationKind#EVENT}
 * @param asCollective published as the collective: the author ({@code authorName}, kept for the members'
 *     space) is named nowhere outside it ({@link #publicAuthor()}); false for records written before
 * @param audience everyone, or its collective's members only (issue 16; see {@link Visibility})
 * @param actionDay only for a {@link PublicationKind#CALL} that is a day of action (issue 17), else null
 */
public record Publication(
    String id,
    String collective,
    PublicationKind kind,
    PublicationState state,
    String authorName,
    String title,
    String summaryText,
    String contentSource,
    String contentHtml,
    String language,
    Instant createdAt,
    Instant publishedAt,
    Instant updatedAt,
    Instant deletedAt,
    List<MediaRef> attachments,
    MinutesDetails minutes,
    EventDetails event,
    boolean asCollective,
    Audience audience,
    ActionDay actionDay) {

  public Publication {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    audience = audience == null ? Audience.PUBLIC : audience;
    if (kind != PublicationKind.CALL) {
      actionDay = null;
    }
  }

  /** A publication that is no day of action (every record written before issue 17). */
  public Publication(String id, String collective, PublicationKind kind, PublicationState state, String authorName,
      String title, String summaryText, String contentSource, String contentHtml, String language,
      Instant createdAt, Instant publishedAt, Instant updatedAt, Instant deletedAt, List<MediaRef> attachments,
      MinutesDetails minutes, EventDetails event, boolean asCollective, Audience audience) {
    this(id, collective, kind, state, authorName, title, summaryText, contentSource, contentHtml, language,
        createdAt, publishedAt, updatedAt, deletedAt, attachments, minutes, event, asCollective, audience, null);
  }

  /** Whether it is a day of action (a call with its day). */
  public boolean isActionDay() {
    return actionDay != null;
  }

  /** Whether it is for its collective's members only (never federated, hidden from everyone else). */
  public boolean isMembersOnly() {
    return audience == Audience.MEMBERS;
  }

  /** A public publication that names its author (as every record written before issue 16). */
  public Publication(String id, String collective, PublicationKind kind, PublicationState state, String authorName,
      String title, String summaryText, String contentSource, String contentHtml, String language,
      Instant createdAt, Instant publishedAt, Instant updatedAt, Instant deletedAt, List<MediaRef> attachments,
      MinutesDetails minutes, EventDetails event) {
    this(id, collective, kind, state, authorName, title, summaryText, contentSource, contentHtml, language,
        createdAt, publishedAt, updatedAt, deletedAt, attachments, minutes, event, false, Audience.PUBLIC, null);
  }

  /**
   * The author as anyone outside the members' space may know them: null when published as the
   * collective. Every public view (ActivityStreams, pages, feeds, embeds, the API's public reads)
   * names the author through this, never through {@code authorName}.
   */
  public String publicAuthor() {
    return asCollective ? null : authorName;
  }

  public boolean isPublished() {
    return state == PublicationState.PUBLISHED;
  }

  /** Whether anyone may read it (see {@link Visibility}, the one rule): shown in collections and feeds. */
  public boolean isPublic() {
    return Visibility.toPublic(this) == Visibility.SHOWN;
  }

  public boolean isDeleted() {
    return state == PublicationState.DELETED;
  }

  /** The key that names it among all publications of the node. */
  public PublicationKey key() {
    return new PublicationKey(collective, kind, id);
  }

  public Publication withState(PublicationState newState) {
    return new Publication(id, collective, kind, newState, authorName, title, summaryText, contentSource,
        contentHtml, language, createdAt, publishedAt, updatedAt, deletedAt, attachments, minutes, event, asCollective, audience, actionDay);
  }

  public Publication withTimes(Instant newPublishedAt, Instant newUpdatedAt, Instant newDeletedAt) {
    return new Publication(id, collective, kind, state, authorName, title, summaryText, contentSource,
        contentHtml, language, createdAt, newPublishedAt, newUpdatedAt, newDeletedAt, attachments, minutes, event, asCollective, audience, actionDay);
  }

  public Publication withEvent(EventDetails newEvent) {
    return new Publication(id, collective, kind, state, authorName, title, summaryText, contentSource,
        contentHtml, language, createdAt, publishedAt, updatedAt, deletedAt, attachments, minutes, newEvent, asCollective, audience, actionDay);
  }

  public Publication withAudience(Audience newAudience) {
    return new Publication(id, collective, kind, state, authorName, title, summaryText, contentSource,
        contentHtml, language, createdAt, publishedAt, updatedAt, deletedAt, attachments, minutes, event, asCollective,
        newAudience, actionDay);
  }

  /** What remains of a deleted publication: identity and times, no content. */
  public Publication tombstone(Instant at) {
    return new Publication(id, collective, kind, PublicationState.DELETED, authorName, null, null, null, null,
        language, createdAt, publishedAt, updatedAt, at, List.of(), null, null, asCollective, audience, null);
  }
}
