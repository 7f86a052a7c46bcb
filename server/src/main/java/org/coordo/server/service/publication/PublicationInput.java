package org.coordo.server.service.publication;

import java.util.List;
import org.coordo.server.domain.Audience;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.MinutesDetails;

/**
 * What an author writes, already parsed and checked field by field by the API converter. The
 * service checks what needs storage (attachments exist) and rights.
 *
 * @param summary optional plain-text lead, or null
 * @param content Markdown
 * @param language BCP 47 tag
 * @param minutes required for minutes, null otherwise
 * @param event required for events, null otherwise
 * @param asCollective publish as the collective (author hidden outside the members' space); null: the
 *     collective's default for a new publication, unchanged for an existing one
 * @param audience who it is for; null when not given (public for a new one, unchanged for an edit)
 * @param actionDay for a call, its day of action (issue 17), or null: a plain call
 */
public record PublicationInput(
    String title,
    String summary,
    String content,
    String language,
    List<AttachmentInput> attachments,
    MinutesDetails minutes,
    EventDetails event,
    Boolean asCollective,
    Audience audience,
    ActionDay actionDay) {

  public PublicationInput {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** An input that is no day of action. */
  public PublicationInput(String title, String summary, String content, String language,
      List<AttachmentInput> attachments, MinutesDetails minutes, EventDetails event, Boolean asCollective,
      Audience audience) {
    this(title, summary, content, language, attachments, minutes, event, asCollective, audience, null);
  }

  /** The same input with the event's link to a day of action replaced (as the service resolved it). */
  public PublicationInput withEvent(EventDetails newEvent) {
    return new PublicationInput(title, summary, content, language, attachments, minutes, newEvent, asCollective,
        audience, actionDay);
  }

  /** An input that leaves "as the collective" to the collective's default (or as it was) and the audience
   * unchanged (public for a new publication). */
  public PublicationInput(String title, String summary, String content, String language,
      List<AttachmentInput> attachments, MinutesDetails minutes, EventDetails event) {
    this(title, summary, content, language, attachments, minutes, event, null, null, null);
  }
}
