package org.coordo.server.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.coordo.federation.Uris;

/**
 * The one rule for URLs that come from outside (remote documents, forms, the JSON API): a URL is
 * kept only when it is an absolute {@code http} or {@code https} URL with a host, and a page links
 * only to such a URL or to a path on this node. Everything else ({@code javascript:}, {@code
 * data:}, {@code vbscript:}, relative or protocol-relative references, URLs with user info or with
 * control, format or space characters inside) is dropped.
 *
 * <p>Store through {@link #http}; render through {@link #href} (the {@code link.jte} template and
 * every {@code src}/{@code href} that is not a constant).
 */
public final class SafeUrls {
  /** Longer URLs are refused (browsers and feeds cope badly with them). */
  public static final int MAX_LENGTH = 2048;

  private SafeUrls() {}

  /**
   * The URL as kept: leading and trailing (Unicode) spaces removed, scheme in lower case; empty
   * unless it is an absolute http(s) URL with a host and without user info.
   */
  public static Optional<String> http(String raw) {
    String s = trimmed(raw);
    if (s == null || s.isEmpty() || s.length() > MAX_LENGTH || hasUnsafeChar(s)) {
      return Optional.empty();
    }
    return Uris.parseHttp(s).filter(u -> u.getRawUserInfo() == null).map(u -> {
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      return scheme + s.substring(scheme.length());
    });
  }

  /** Whether {@link #http} keeps it. */
  public static boolean isHttp(String raw) {
    return http(raw).isPresent();
  }

  /**
   * What a page may put in an {@code href} or {@code src}: an http(s) URL as {@link #http} keeps it,
   * or a path on this node ({@code /…}, not {@code //…}); null for anything else, which the page
   * then shows as text, not as a link.
   */
  public static String href(String raw) {
    if (raw != null && raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\")
        && raw.length() <= MAX_LENGTH && !hasUnsafeChar(raw)) {
      try {
        URI u = new URI(raw);
        return u.getScheme() == null && u.getRawAuthority() == null ? raw : null;
      } catch (URISyntaxException e) {
        return null;
      }
    }
    return http(raw).orElse(null);
  }

  private static String trimmed(String raw) {
    if (raw == null) {
      return null;
    }
    int start = 0;
    int end = raw.length();
    while (start < end && isSpace(raw.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  /** Control characters (tabs and line breaks included), format characters (bidi, zero-width), spaces. */
  private static boolean hasUnsafeChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT || Character.isWhitespace(c)
          || Character.isSpaceChar(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        return true;
      }
    }
    return false;
  }
}
