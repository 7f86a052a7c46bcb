package org.coordo.server.mail;

import java.util.List;
import java.util.Objects;

/**
 * One message for one recipient, as the node's services compose it (issue 15). The mail system
 * ({@link MailQueue}) adds what every message carries: {@code From} (the configured sender address
 * with {@link #fromName} as display name), {@code Date}, a {@code Message-ID} when none is given,
 * the RFC 8058 headers when {@link #unsubscribeUrl} is set, and the DKIM signature when a key is
 * configured. Every value here is data, never raw header text: the transport encodes it, so nothing
 * a user typed can add a header.
 *
 * @param to one recipient address (validated before it is accepted)
 * @param fromName the display name of {@code From}: the node's and the collective's names
 * @param subject the subject line (one line; line breaks are refused)
 * @param text the plain-text part (always present)
 * @param html the HTML part built from the same sanitised content, or {@code null}
 * @param attachments files attached (an event's {@code .ics}, for instance)
 * @param unsubscribeUrl the one-click unsubscribe URL (RFC 8058 {@code List-Unsubscribe} with
 *     {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}), or {@code null} for personal mail
 * @param autoSubmitted the {@code Auto-Submitted} value (RFC 3834, {@code auto-generated} for
 *     notifications), or {@code null}
 * @param messageId a {@code Message-ID} (without angle brackets) when the caller needs to know it
 *     (a correction refers to the original), or {@code null} to have one made
 * @param inReplyTo the {@code Message-ID} this one corrects or follows (without angle brackets), or
 *     {@code null}
 * @param kind what this message is, for logs and metrics only ({@code confirm}, {@code publication},
 *     {@code digest}, {@code correction}, {@code password-reset}, {@code invitation}, {@code notice})
 */
public record OutgoingMail(String to, String fromName, String subject, String text, String html,
    List<Attachment> attachments, String unsubscribeUrl, String autoSubmitted, String messageId, String inReplyTo,
    String kind) {

  public OutgoingMail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A plain personal message (no list headers, no attachment). */
  public static OutgoingMail personal(String to, String fromName, String subject, String text, String html,
      String kind) {
    return new OutgoingMail(to, fromName, subject, text, html, List.of(), null, null, null, null, kind);
  }

  /** A file attached to a message. */
  public record Attachment(String name, String contentType, byte[] content) {
    public Attachment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(content, "content");
    }
  }
}
