package org.coordo.server.api.publication;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.convert.SummaryFormatter;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.text.PlainText;

/**
 * The minimal HTML page a browser gets for a publication id (the full web UI comes later). Every
 * text is escaped; the content is our sanitised HTML.
 */
final class HtmlPages {
  private HtmlPages() {}

  static String publication(Publication p, PublicationUris uris) {
    String id = uris.object(p.key()).toString();
    String lang = p.language() == null ? "fr" : p.language();
    StringBuilder b = new StringBuilder(2048);
    b.append("<!doctype html><html lang=\"").append(PlainText.escapeHtml(lang)).append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<link rel=\"alternate\" type=\"application/activity+json\" href=\"").append(PlainText.escapeHtml(id))
        .append("\">");
    if (p.isDeleted()) {
      b.append("<title>Gone</title></head><body><main><h1>")
          .append(lang.startsWith("fr") ? "Cette publication a été supprimée." : "This publication was deleted.")
          .append("</h1></main></body></html>");
      return b.toString();
    }
    String summary = SummaryFormatter.summary(p);
    b.append("<title>").append(PlainText.escapeHtml(p.title())).append("</title>")
        .append("<meta name=\"description\" content=\"").append(PlainText.escapeHtml(summary)).append("\">")
        .append("<meta property=\"og:title\" content=\"").append(PlainText.escapeHtml(p.title())).append("\">")
        .append("<meta property=\"og:description\" content=\"").append(PlainText.escapeHtml(summary)).append("\">")
        .append("</head><body><main><article>")
        .append("<h1>").append(PlainText.escapeHtml(p.title())).append("</h1>")
        .append("<p><strong>").append(PlainText.escapeHtml(summary)).append("</strong></p>");
    if (p.minutes() != null && p.minutes().assemblyDate() != null) {
      b.append("<p>").append(PlainText.escapeHtml(p.minutes().assemblyDate()
          .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.forLanguageTag(lang)))))
          .append("</p>");
    }
    b.append("<div>").append(p.contentHtml() == null ? "" : p.contentHtml()).append("</div>");
    if (p.minutes() != null && !p.minutes().decisions().isEmpty()) {
      b.append("<ul>");
      p.minutes().decisions().forEach(d -> b.append("<li>").append(PlainText.escapeHtml(d)).append("</li>"));
      b.append("</ul>");
    }
    for (MediaRef m : p.attachments()) {
      String url = PlainText.escapeHtml(uris.media(m).toString());
      String name = PlainText.escapeHtml(m.name() == null ? m.fileName() : m.name());
      if (m.isImage()) {
        b.append("<figure><img src=\"").append(url).append("\" alt=\"").append(name).append("\"></figure>");
      } else {
        b.append("<p><a href=\"").append(url).append("\">").append(name).append("</a></p>");
      }
    }
    b.append("<p><small>").append(PlainText.escapeHtml(p.collective())).append("</small></p>")
        .append("</article></main></body></html>");
    return b.toString();
  }
}
