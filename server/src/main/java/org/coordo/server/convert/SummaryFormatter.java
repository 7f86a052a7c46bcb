package org.coordo.server.convert;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.text.PlainText;

/**
 * The plain-text {@code summary} Mastodon shows instead of the content it drops (see
 * docs/FEDIVERSE-MAPPING.md): for an event "date · time · place · one line" in the event's time
 * zone and language; for calls and minutes their first lines.
 */
public final class SummaryFormatter {
  /** Longest summary we send: enough for a card, short enough for every timeline. */
  public static final int MAX_CHARS = 500;
  private static final String SEP = " · ";

  private SummaryFormatter() {}

  public static String summary(Publication p) {
    if (p.kind() == PublicationKind.EVENT && p.event() != null) {
      return eventSummary(p);
    }
    String lead = lead(p, MAX_CHARS);
    if (p.kind() == PublicationKind.MINUTES && p.minutes() != null && p.minutes().assemblyDate() != null) {
      Locale locale = locale(p.language());
      String date = p.minutes().assemblyDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
      String prefix = (isFrench(locale) ? "AG du " : "General assembly, ") + date;
      return PlainText.excerpt(lead.isEmpty() ? prefix : prefix + SEP + lead, MAX_CHARS);
    }
    return lead;
  }

  /** The event line: "[ANNULÉ · ]samedi 14 mars 2026 · 14:00 · Place Grenette, Grenoble · one line". */
  public static String eventSummary(Publication p) {
    EventDetails e = p.event();
    Locale locale = locale(p.language());
    ZonedDateTime start = e.startTime().atZone(e.timezone());
    StringBuilder out = new StringBuilder();
    String flag = statusFlag(e.status(), locale);
    if (flag != null) {
      out.append(flag).append(SEP);
    }
    out.append(start.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)));
    out.append(SEP).append(start.format(timeFormat(locale)));
    if (e.location() != null) {
      String where = e.location().describe();
      if (!where.isBlank()) {
        out.append(SEP).append(where);
      }
    }
    String line = lead(p, 200);
    if (!line.isEmpty()) {
      out.append(SEP).append(line);
    }
    return PlainText.excerpt(out.toString(), MAX_CHARS);
  }

  /** The author's summary, else the first line(s) of the content, else the title. */
  private static String lead(Publication p, int max) {
    if (p.summaryText() != null && !p.summaryText().isBlank()) {
      return PlainText.excerpt(p.summaryText(), max);
    }
    String text = PlainText.fromHtml(p.contentHtml());
    if (!text.isEmpty()) {
      return p.kind() == PublicationKind.EVENT ? PlainText.excerpt(PlainText.firstLine(text), max) : PlainText.excerpt(text, max);
    }
    return p.title() == null ? "" : PlainText.excerpt(p.title(), max);
  }

  private static String statusFlag(EventStatus status, Locale locale) {
    boolean fr = isFrench(locale);
    return switch (status) {
      case Cancelled -> fr ? "ANNULÉ" : "CANCELLED";
      case Postponed -> fr ? "REPORTÉ" : "POSTPONED";
      case Rescheduled -> fr ? "NOUVELLE DATE" : "RESCHEDULED";
      case MovedOnline -> fr ? "EN LIGNE" : "MOVED ONLINE";
      case Tentative -> fr ? "À CONFIRMER" : "TENTATIVE";
      case Scheduled -> null;
    };
  }

  private static DateTimeFormatter timeFormat(Locale locale) {
    return isFrench(locale) ? DateTimeFormatter.ofPattern("HH:mm", locale)
        : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
  }

  static Locale locale(String language) {
    return language == null ? Locale.FRENCH : Locale.forLanguageTag(language);
  }

  private static boolean isFrench(Locale locale) {
    return "fr".equals(locale.getLanguage());
  }
}
