package org.coordo.server.convert;

import static org.coordo.server.convert.PublicationMailConverter.CSS_CARD;
import static org.coordo.server.convert.PublicationMailConverter.CSS_LINK;
import static org.coordo.server.convert.PublicationMailConverter.CSS_MUTED;
import static org.coordo.server.convert.PublicationMailConverter.esc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.server.text.PlainText;
import org.coordo.server.web.Messages;

/**
 * The weekly digest of one subscription: the week's public publications of its scope, upcoming events
 * first (soonest first), then calls and minutes (newest first), then events already past. Each line
 * has its title, its date (events: day and time in the event's zone, and place), a short excerpt and
 * its link; the footer is the publication mails' one ({@link PublicationMailConverter#address}).
 */
public final class DigestMailConverter {
  static final int EXCERPT = 200;

  private final PublicationMailConverter mails;

  public DigestMailConverter(PublicationMailConverter mails) {
    this.mails = mails;
  }

  /** One subscriber's digest of {@code items} (already filtered for them), or null when there is nothing. */
  public OutgoingMail digest(List<MailItem> items, Subscriber s, String scopeName, String messageId, Instant now) {
    if (items.isEmpty()) {
      return null;
    }
    Messages.Bundle m = mails.messages().bundle(s.locale().getLanguage());
    String subject = PublicationMailConverter.cut(PublicationMailConverter.oneLine(m.t("mail.digest.subject", scopeName)),
        PublicationMailConverter.MAX_SUBJECT);
    StringBuilder text = new StringBuilder(m.t("mail.digest.lead", scopeName)).append("\n\n");
    StringBuilder html = new StringBuilder("<div style=\"").append(CSS_CARD).append("\">")
        .append("<h1 style=\"font-size:20px;margin:0 0 12px 0\">").append(esc(m.t("mail.digest.lead", scopeName)))
        .append("</h1>");
    section(m, "mail.digest.events", upcoming(items, now), text, html);
    section(m, "mail.digest.posts", posts(items), text, html);
    section(m, "mail.digest.past", past(items, now), text, html);
    html.append("</div>");
    PublicationMailConverter.Body body = new PublicationMailConverter.Body(subject, text.toString(), html.toString(),
        List.of());
    return mails.address(body, s, scopeName, messageId, null, "digest");
  }

  private static void section(Messages.Bundle m, String title, List<MailItem> items, StringBuilder text,
      StringBuilder html) {
    if (items.isEmpty()) {
      return;
    }
    text.append(m.t(title).toUpperCase(m.locale())).append("\n\n");
    html.append("<h2 style=\"font-size:18px;margin:16px 0 8px 0\">").append(esc(m.t(title))).append("</h2>");
    for (MailItem i : items) {
      String label = m.t("kind." + i.kind().segment());
      String source = i.cityName() == null ? "" : " · " + i.cityName();
      String when = i.isEvent() ? PublicationMailConverter.shortWhen(i.event(), m.locale())
          + (i.event().place() != null ? " · " + i.event().place() : "")
          + (i.event().cancelled() ? " · " + m.t("event.cancelled") : "") : null;
      String excerpt = PlainText.excerpt(PlainText.fromHtml(i.contentHtml()).isBlank() ? i.summary()
          : PlainText.fromHtml(i.contentHtml()), EXCERPT);
      text.append("* ").append(i.title()).append('\n').append("  ").append(label).append(source).append('\n');
      html.append("<div style=\"margin:0 0 14px 0\"><a style=\"").append(CSS_LINK).append(";font-weight:bold\" href=\"")
          .append(esc(i.url())).append("\">").append(esc(i.title())).append("</a><br><span style=\"")
          .append(CSS_MUTED).append("\">").append(esc(label + source));
      if (when != null) {
        text.append("  ").append(when).append('\n');
        html.append("<br>").append(esc(when));
      }
      html.append("</span>");
      if (!excerpt.isBlank()) {
        text.append("  ").append(excerpt).append('\n');
        html.append("<br>").append(esc(excerpt));
      }
      text.append("  ").append(i.url()).append("\n\n");
      html.append("</div>");
    }
  }

  private static List<MailItem> upcoming(List<MailItem> items, Instant now) {
    return items.stream().filter(i -> i.isEvent() && !i.event().start().isBefore(now))
        .sorted(Comparator.comparing((MailItem i) -> i.event().start())).toList();
  }

  private static List<MailItem> posts(List<MailItem> items) {
    return items.stream().filter(i -> !i.isEvent()).sorted(Comparator.comparing(MailItem::published,
        Comparator.nullsLast(Comparator.reverseOrder()))).toList();
  }

  private static List<MailItem> past(List<MailItem> items, Instant now) {
    return items.stream().filter(i -> i.isEvent() && i.event().start().isBefore(now))
        .sorted(Comparator.comparing((MailItem i) -> i.event().start()).reversed()).toList();
  }
}
