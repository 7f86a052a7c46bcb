package org.coordo.server.convert;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.server.text.PlainText;
import org.coordo.server.web.Messages;
import org.coordo.server.web.ZoneNames;

/**
 * {@link MailItem} → {@link OutgoingMail}: the message a subscriber gets of a publication, of a change
 * to an event they were told of, or (with {@link DigestMailConverter}) of a week. Plain text and HTML
 * are built from the same sanitised content (the stored HTML, and its text by {@link PlainText}); the
 * HTML is conservative (inline styles, no image, no external resource, no script). An event gets its
 * date and time in its own zone, its place and online link, and its {@code .ics} attached
 * ({@link IcsWriter}, the feeds' writer: {@code METHOD:PUBLISH}, UID the event's id, SEQUENCE its
 * revision; a cancelled one {@code STATUS:CANCELLED}).
 *
 * <p>What is the same for every subscriber of a language ({@link Body}) is built once per job page;
 * {@link #address} only adds the footer and the recipient.
 */
public final class PublicationMailConverter {
  static final String CSS_BODY = "margin:0;padding:16px;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;"
      + "color:#1a1a1a;font-size:16px;line-height:1.5";
  static final String CSS_CARD = "max-width:640px;margin:0 auto;background:#ffffff;padding:20px;border:1px solid #dddddd";
  static final String CSS_MUTED = "color:#555555;font-size:14px";
  static final String CSS_LINK = "color:#0b5cad";
  /** Longest subject and {@code From} display name (the mail queue refuses more than 500 and 200). */
  static final int MAX_SUBJECT = 300;
  static final int MAX_FROM_NAME = 200;

  /** Why a publication mail is sent. */
  public enum Purpose {
    /** It was published. */
    NEW,
    /** An event the subscriber was told of is cancelled. */
    CANCELLED,
    /** An event the subscriber was told of moved (date, time, place). */
    CHANGED
  }

  /** What every subscriber of one language gets of one item, before the footer. */
  public record Body(String subject, String text, String html, List<OutgoingMail.Attachment> attachments) {}

  private final Messages messages;
  private final IcsWriter ics;
  private final String nodeName;

  /** @param nodeName the node's name ({@code node.name}), first in {@code From}'s display name */
  public PublicationMailConverter(Messages messages, IcsWriter ics, String nodeName) {
    this.messages = messages;
    this.ics = ics;
    this.nodeName = nodeName;
  }

  Messages messages() {
    return messages;
  }

  /** {@code From}'s display name: "node name — collective name". */
  public String fromName(String scopeName) {
    String name = scopeName == null || scopeName.isBlank() || scopeName.equals(nodeName) ? nodeName
        : nodeName + " — " + scopeName;
    return cut(oneLine(name), MAX_FROM_NAME);
  }

  /** The body of {@code item}'s mail in {@code lang}. */
  public Body body(MailItem item, Purpose purpose, String lang) {
    Messages.Bundle m = messages.bundle(lang);
    String subject = switch (purpose) {
      case NEW -> item.isEvent() ? item.title() + " · " + shortWhen(item.event(), m.locale()) : item.title();
      case CANCELLED -> m.t("mail.pub.cancelled.subject", item.title());
      case CHANGED -> m.t("mail.pub.changed.subject", item.title());
    };
    subject = cut(oneLine(subject), MAX_SUBJECT);
    String lead = switch (purpose) {
      case NEW -> null;
      case CANCELLED -> m.t("mail.pub.cancelled.lead");
      case CHANGED -> m.t("mail.pub.changed.lead");
    };
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    html.append("<div style=\"").append(CSS_CARD).append("\">");
    if (lead != null) {
      text.append(lead).append("\n\n");
      html.append("<p style=\"font-weight:bold;color:#a40000\">").append(esc(lead)).append("</p>");
    }
    String label = m.t("kind." + item.kind().segment());
    String source = item.cityName() == null ? null : m.t("mail.pub.source", item.cityName());
    text.append(label).append(source == null ? "" : " · " + source).append('\n');
    text.append(item.title()).append("\n\n");
    html.append("<p style=\"").append(CSS_MUTED).append("\">").append(esc(label))
        .append(source == null ? "" : " · " + esc(source)).append("</p>");
    html.append("<h1 style=\"font-size:22px;margin:0 0 12px 0\">").append(esc(item.title())).append("</h1>");
    if (item.isEvent()) {
      eventLines(item.event(), m, text, html);
    }
    String content = PlainText.fromHtml(item.contentHtml());
    if (!content.isBlank()) {
      text.append(content).append("\n\n");
      html.append("<div>").append(item.contentHtml()).append("</div>");
    } else if (item.summary() != null && !item.summary().isBlank()) {
      text.append(item.summary()).append("\n\n");
      html.append("<p>").append(esc(item.summary())).append("</p>");
    }
    text.append(m.t("mail.pub.readOnline")).append(separator(m)).append(item.url()).append('\n');
    html.append("<p><a style=\"").append(CSS_LINK).append("\" href=\"").append(esc(item.url())).append("\">")
        .append(esc(m.t("mail.pub.readOnline"))).append("</a></p>");
    List<OutgoingMail.Attachment> attachments = List.of();
    if (item.calendar() != null) {
      text.append('\n').append(m.t("mail.pub.ics")).append('\n');
      html.append("<p style=\"").append(CSS_MUTED).append("\">").append(esc(m.t("mail.pub.ics"))).append("</p>");
      attachments = List.of(new OutgoingMail.Attachment("event.ics", "text/calendar; charset=UTF-8; method=PUBLISH",
          ics.single(item.calendar())));
    }
    html.append("</div>");
    return new Body(subject, text.toString(), html.toString(), attachments);
  }

  /**
   * One subscriber's message: the body, the footer with their links, and the headers the mail queue
   * needs ({@code unsubscribeUrl} makes it add the RFC 8058 headers).
   *
   * @param scopeName the display name of what they subscribed to (the collective, the national group)
   */
  public OutgoingMail address(Body body, Subscriber s, String scopeName, String messageId, String inReplyTo,
      String kind) {
    Messages.Bundle m = messages.bundle(s.locale().getLanguage());
    String why = m.t("mail.pub.why", scopeName);
    String sep = separator(m);
    String text = body.text() + "\n-- \n" + why + "\n" + m.t("mail.pub.manage") + sep + s.manageUrl() + "\n"
        + m.t("mail.pub.unsubscribe") + sep + s.unsubscribeUrl() + "\n";
    String html = "<!DOCTYPE html><html lang=\"" + m.lang() + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + esc(body.subject()) + "</title></head>"
        + "<body style=\"" + CSS_BODY + "\">" + body.html()
        + "<div style=\"max-width:640px;margin:12px auto 0 auto;" + CSS_MUTED + "\"><p>" + esc(why) + "</p><p>"
        + "<a style=\"" + CSS_LINK + "\" href=\"" + esc(s.manageUrl()) + "\">" + esc(m.t("mail.pub.manage")) + "</a>"
        + " · <a style=\"" + CSS_LINK + "\" href=\"" + esc(s.unsubscribeUrl()) + "\">"
        + esc(m.t("mail.pub.unsubscribe")) + "</a></p></div></body></html>";
    return new OutgoingMail(s.email(), fromName(scopeName), body.subject(), text, html, body.attachments(),
        s.unsubscribeUrl(), "auto-generated", messageId, inReplyTo, kind);
  }

  private static void eventLines(MailItem.Event e, Messages.Bundle m, StringBuilder text, StringBuilder html) {
    String sep = separator(m);
    String when = when(e, m.locale()) + " (" + m.t("event.timezone", ZoneNames.of(e.zone(), m.locale())) + ")";
    html.append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 12px 0\">");
    if (e.cancelled()) {
      text.append(m.t("event.cancelledBanner")).append('\n');
      html.append("<tr><td colspan=\"2\" style=\"color:#a40000;font-weight:bold;padding:2px 0\">")
          .append(esc(m.t("event.cancelledBanner"))).append("</td></tr>");
    }
    row(m.t("event.when"), when, null, sep, text, html);
    if (e.place() != null) {
      row(m.t("event.where"), e.place(), null, sep, text, html);
    }
    if (e.onlineUrl() != null) {
      row(m.t("event.online"), e.onlineUrl(), e.onlineUrl(), sep, text, html);
    }
    html.append("</table>");
    text.append('\n');
  }

  private static void row(String label, String value, String href, String sep, StringBuilder text, StringBuilder html) {
    text.append(label).append(sep).append(value).append('\n');
    html.append("<tr><td style=\"padding:2px 12px 2px 0;font-weight:bold;vertical-align:top\">").append(esc(label))
        .append("</td><td style=\"padding:2px 0\">");
    if (href != null && (href.startsWith("https://") || href.startsWith("http://"))) {
      html.append("<a style=\"").append(CSS_LINK).append("\" href=\"").append(esc(href)).append("\">")
          .append(esc(value)).append("</a>");
    } else {
      html.append(esc(value));
    }
    html.append("</td></tr>");
  }

  /** "samedi 14 mars 2026, 14:00 – 16:00" in the event's zone (as the event page says it). */
  static String when(MailItem.Event e, Locale locale) {
    DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    ZonedDateTime start = e.start().atZone(e.zone());
    String out = day.format(start) + ", " + time.format(start);
    if (e.end() != null && !e.end().isBefore(e.start())) {
      ZonedDateTime end = e.end().atZone(e.zone());
      out += end.toLocalDate().equals(start.toLocalDate()) ? " – " + time.format(end)
          : " – " + day.format(end) + ", " + time.format(end);
    }
    return out;
  }

  /** "14 mars 2026, 14:00": for subjects and digest lines. */
  static String shortWhen(MailItem.Event e, Locale locale) {
    ZonedDateTime start = e.start().atZone(e.zone());
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(start) + ", "
        + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start);
  }

  /** "label : value" in French, "label: value" in English. */
  static String separator(Messages.Bundle m) {
    return m.lang().equals("fr") ? " : " : ": ";
  }

  /** A subject is one line: line breaks and other controls become spaces. */
  static String oneLine(String s) {
    return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
  }

  /** At most {@code max} characters, cut at a word with an ellipsis. */
  static String cut(String s, int max) {
    return s.length() <= max ? s : PlainText.excerpt(s, max);
  }

  static String esc(String s) {
    return PlainText.escapeHtml(s);
  }
}
