package org.coordo.server.service.toolbox;

import java.util.Locale;

/**
 * A file as received: its bytes, the type the browser declared and the name it had on the sender's
 * disk (only its last path part is kept, sanitised: {@link #safeName}).
 */
public record ToolboxUpload(String fileName, String declaredType, byte[] bytes) {

  /**
   * A name safe to show and to offer as a download: the last part of any path, no control or
   * reserved characters ({@code \ / : * ? " < > |}), no leading dots, at most {@code max} characters,
   * its extension the sniffed type's (so a {@code .html} name never labels a PDF); "document" when
   * nothing is left.
   */
  public static String safeName(String raw, String extension, int max) {
    String n = raw == null ? "" : raw;
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    n = n.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}:*?\"<>|]", "").replaceAll("\\s+", " ").strip();
    int dot = n.lastIndexOf('.');
    String base = dot > 0 ? n.substring(0, dot) : n;
    base = base.replaceAll("^\\.+", "").strip();
    int room = max - extension.length() - 1;
    if (base.codePointCount(0, base.length()) > room) {
      base = base.substring(0, base.offsetByCodePoints(0, room)).strip();
    }
    if (base.isEmpty()) {
      base = "document";
    }
    return base + "." + extension.toLowerCase(Locale.ROOT);
  }
}
