package org.coordo.server.mail;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link OutgoingMail} into the Vert.x Mail Client's message, with every header the node adds:
 * {@code From} (display name and the configured address), {@code Date}, {@code Message-ID}, {@code
 * Auto-Submitted}, {@code In-Reply-To} and {@code References}, and the RFC 8058 {@code List-Unsubscribe}
 * and {@code List-Unsubscribe-Post}. {@code From} and {@code Subject} are encoded by {@link HeaderText}
 * (RFC 2047); the other values were checked to be plain ASCII when the message was accepted ({@link
 * MailChecks}). The client writes the values of these headers as they are. Used by every transport, so a message reads the same whatever carries it.
 */
public final class MailMessages {
  private MailMessages() {}

  /**
   * @param fromAddress the configured sender address ({@code mail.from}), also the envelope sender
   * @param date when the message is handed over
   */
  public static MailMessage build(OutgoingMail mail, String fromAddress, Instant date) {
    MailMessage message = new MailMessage()
        .setFrom(fromAddress)
        .setBounceAddress(fromAddress)
        .setTo(List.of(mail.to()))
        .setText(mail.text());
    if (mail.html() != null) {
      message.setHtml(mail.html());
    }
    if (!mail.attachments().isEmpty()) {
      List<MailAttachment> attachments = new ArrayList<>();
      for (OutgoingMail.Attachment a : mail.attachments()) {
        attachments.add(MailAttachment.create().setName(a.name()).setContentType(a.contentType())
            .setDisposition("attachment").setData(Buffer.buffer(a.content())));
      }
      message.setAttachment(attachments);
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    // From and Subject are encoded here rather than by the client, whose folding can split a word in two.
    headers.set("From", HeaderText.mailbox(mail.fromName(), fromAddress));
    headers.set("Subject", HeaderText.encode(mail.subject()));
    headers.set("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)));
    if (mail.messageId() != null) {
      headers.set("Message-ID", "<" + mail.messageId() + ">");
    }
    if (mail.autoSubmitted() != null) {
      headers.set("Auto-Submitted", mail.autoSubmitted());
    }
    if (mail.inReplyTo() != null) {
      headers.set("In-Reply-To", "<" + mail.inReplyTo() + ">");
      headers.set("References", "<" + mail.inReplyTo() + ">");
    }
    if (mail.unsubscribeUrl() != null) {
      headers.set("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
      headers.set("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    message.setHeaders(headers);
    return message;
  }
}
