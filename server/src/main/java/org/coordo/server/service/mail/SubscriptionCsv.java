package org.coordo.server.service.mail;

import java.util.TreeSet;
import org.coordo.server.domain.mail.Subscription;

/**
 * The admin's CSV export of subscriptions (RFC 4180: comma-separated, CRLF, quoted fields). A
 * field that a spreadsheet would read as a formula ({@code = + - @}) is prefixed with {@code '}.
 */
final class SubscriptionCsv {
  private SubscriptionCsv() {}

  static final String HEADER = "email,scope,state,language,frequency,content,cities,created,confirmed\r\n";

  static void row(StringBuilder out, Subscription s) {
    field(out, s.email()).append(',');
    field(out, s.scope()).append(',');
    field(out, s.state().name().toLowerCase(java.util.Locale.ROOT)).append(',');
    field(out, s.locale()).append(',');
    field(out, s.frequency().name().toLowerCase(java.util.Locale.ROOT)).append(',');
    field(out, s.eventsOnly() ? "events" : "all").append(',');
    field(out, String.join(" ", new TreeSet<>(s.cities()))).append(',');
    field(out, s.created().toString()).append(',');
    field(out, s.confirmed() == null ? "" : s.confirmed().toString()).append("\r\n");
  }

  private static StringBuilder field(StringBuilder out, String value) {
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return out.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
    return out.append(v);
  }
}
