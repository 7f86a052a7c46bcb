package org.coordo.server.service.coordination;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The mobilisation dashboard as CSV (RFC 4180: comma-separated, CRLF, quoted fields), UTF-8 with a
 * byte-order mark so that a spreadsheet opened by double-click reads the accents of city names right.
 * A field that a spreadsheet would read as a formula ({@code = + - @}, tab, carriage return) is
 * prefixed with {@code '}, as in the subscriptions' export.
 */
public final class MobilisationCsv {
  private MobilisationCsv() {}

  public static final String BOM = "\uFEFF";
  static final String HEADER = "city,name,handle,how,follows_national,calls,minutes,events,last_publication,"
      + "next_day_events\r\n";

  /** The whole table; dates in {@code zone}, {@code yyyy-MM-dd}. */
  public static String of(MobilisationService.Dashboard d, ZoneId zone) {
    StringBuilder out = new StringBuilder(BOM).append(HEADER);
    DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone);
    for (MobilisationService.Row r : d.rows()) {
      field(out, r.city().name()).append(',');
      field(out, r.city().displayName()).append(',');
      field(out, r.city().handle()).append(',');
      field(out, r.city().how().id()).append(',');
      field(out, r.followsNational() ? "yes" : "no").append(',');
      out.append(r.activity().calls()).append(',').append(r.activity().minutes()).append(',')
          .append(r.activity().events()).append(',');
      field(out, r.activity().lastPublished() == null ? "" : day.format(r.activity().lastPublished())).append(',');
      field(out, r.nextDayEvents() == null ? "" : String.valueOf(r.nextDayEvents())).append("\r\n");
    }
    return out.toString();
  }

  static StringBuilder field(StringBuilder out, String value) {
    String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return out.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
    return out.append(v);
  }
}
