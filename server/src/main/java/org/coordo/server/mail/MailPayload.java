package org.coordo.server.mail;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A queued message as the durable queue stores it: one JSON object in UTF-8, attachments in base64.
 *
 * <pre>
 * {"v":1, "to", "fromName", "subject", "text", "html", "attachments":[{"name","contentType","content"}],
 *  "unsubscribeUrl", "autoSubmitted", "messageId", "inReplyTo", "kind"}
 * </pre>
 *
 * Absent members are null. {@code v} is the layout version: a later layout reads this one.
 */
public final class MailPayload {
  private MailPayload() {}

  static final int VERSION = 1;

  public static byte[] encode(OutgoingMail mail) {
    JsonArray attachments = new JsonArray();
    for (OutgoingMail.Attachment a : mail.attachments()) {
      attachments.add(new JsonObject().put("name", a.name()).put("contentType", a.contentType())
          .put("content", Base64.getEncoder().encodeToString(a.content())));
    }
    JsonObject json = new JsonObject()
        .put("v", VERSION)
        .put("to", mail.to())
        .put("fromName", mail.fromName())
        .put("subject", mail.subject())
        .put("text", mail.text())
        .put("html", mail.html())
        .put("attachments", attachments)
        .put("unsubscribeUrl", mail.unsubscribeUrl())
        .put("autoSubmitted", mail.autoSubmitted())
        .put("messageId", mail.messageId())
        .put("inReplyTo", mail.inReplyTo())
        .put("kind", mail.kind());
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException when the bytes are not a payload this code can read */
  public static OutgoingMail decode(byte[] payload) {
    try {
      JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      if (json.getInteger("v", 0) != VERSION) {
        throw new IllegalArgumentException("unknown mail payload version " + json.getValue("v"));
      }
      List<OutgoingMail.Attachment> attachments = new ArrayList<>();
      JsonArray list = json.getJsonArray("attachments", new JsonArray());
      for (int i = 0; i < list.size(); i++) {
        JsonObject a = list.getJsonObject(i);
        attachments.add(new OutgoingMail.Attachment(a.getString("name"), a.getString("contentType"),
            Base64.getDecoder().decode(a.getString("content"))));
      }
      return new OutgoingMail(json.getString("to"), json.getString("fromName"), json.getString("subject"),
          json.getString("text"), json.getString("html"), attachments, json.getString("unsubscribeUrl"),
          json.getString("autoSubmitted"), json.getString("messageId"), json.getString("inReplyTo"),
          json.getString("kind"));
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("unreadable mail payload", e);
    }
  }
}
