package org.coordo.server.mail;

import java.util.regex.Pattern;
import org.coordo.server.error.NodeError;

/**
 * What a message must be before the queue accepts it (so that nothing a user typed can add a header
 * or an SMTP command, and nothing is queued that a relay will refuse): a valid recipient address; a
 * subject, display name and attachment names on one line without control characters; ids, the
 * unsubscribe URL and {@code Auto-Submitted} in plain ASCII without spaces or angle brackets. A
 * refusal is a {@link NodeError} 400 naming the field (never echoing its value).
 */
final class MailChecks {
  private MailChecks() {}

  private static final Pattern MESSAGE_ID = Pattern.compile("[!-;=?-~]{1,200}@[!-;=?-~]{1,200}"); // no < > or space
  private static final Pattern URL = Pattern.compile("(https?://|mailto:)[!-;=?-~]{1,1900}");
  private static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9-]{0,40}");
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,63}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,63}(; ?[a-z-]+=[A-Za-z0-9._-]+)*");

  static void check(OutgoingMail mail) {
    if (!MailAddresses.valid(mail.to())) {
      throw refuse("to", "not a valid mail address");
    }
    if (mail.subject().length() > 500 || !MailAddresses.headerSafe(mail.subject())) {
      throw refuse("subject", "one line of at most 500 characters, without control characters");
    }
    if (mail.fromName() != null && (mail.fromName().length() > 200 || !MailAddresses.headerSafe(mail.fromName()))) {
      throw refuse("fromName", "one line of at most 200 characters, without control characters");
    }
    if (mail.messageId() != null && !MESSAGE_ID.matcher(mail.messageId()).matches()) {
      throw refuse("messageId", "an id like local@host, without angle brackets");
    }
    if (mail.inReplyTo() != null && !MESSAGE_ID.matcher(mail.inReplyTo()).matches()) {
      throw refuse("inReplyTo", "an id like local@host, without angle brackets");
    }
    if (mail.unsubscribeUrl() != null && !URL.matcher(mail.unsubscribeUrl()).matches()) {
      throw refuse("unsubscribeUrl", "an absolute https or mailto URL in ASCII");
    }
    if (mail.autoSubmitted() != null && !TOKEN.matcher(mail.autoSubmitted()).matches()) {
      throw refuse("autoSubmitted", "a keyword such as auto-generated");
    }
    if (!TOKEN.matcher(mail.kind()).matches()) {
      throw refuse("kind", "a keyword such as publication");
    }
    for (OutgoingMail.Attachment a : mail.attachments()) {
      if (a.name().isBlank() || a.name().length() > 200 || !MailAddresses.headerSafe(a.name())
          || a.name().contains("\"") || a.name().contains("\\")) {
        throw refuse("attachments", "file names on one line, without quotes or control characters");
      }
      if (!CONTENT_TYPE.matcher(a.contentType()).matches()) {
        throw refuse("attachments", "a content type such as text/calendar");
      }
    }
  }

  private static NodeError refuse(String field, String expected) {
    return NodeError.badRequest("mail not accepted: " + field + ": " + expected);
  }
}
