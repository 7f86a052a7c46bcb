package org.coordo.server.text;

import java.util.Locale;
import java.util.Set;

/**
 * Cheap, linear pre-scans that bound how complex a text may be before a parser sees it: how deeply
 * blocks nest (quotes, lists, elements) and how many elements an HTML text has. Parsers slow down
 * with nesting (jsoup re-scans its open-element stack, commonmark recurses while rendering), so an
 * input past these bounds is refused (our own Markdown: a 422 naming the field) or, for remote HTML,
 * kept only as plain text.
 */
public final class MarkupLimits {
  /** Deepest nesting of quotes, lists or elements we parse. */
  public static final int MAX_DEPTH = 64;
  /** Most HTML elements we parse in one text. */
  public static final int MAX_ELEMENTS = 10_000;
  /** Longest plain-text fallback kept from a remote HTML text that is too complex to parse. */
  static final int MAX_FALLBACK_CHARS = 5_000;

  /** The field error for Markdown nested too deeply (French first, as our forms). */
  public static final String TOO_DEEP =
      "texte trop imbriqué : au plus " + MAX_DEPTH + " niveaux de citations ou de listes"
          + " / text nested too deeply: at most " + MAX_DEPTH + " levels of quotes or lists";

  private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
      "link", "meta", "param", "source", "track", "wbr");
  /** Elements a parser closes by itself when the next one opens: they do not deepen the tree. */
  private static final Set<String> SELF_CLOSING = Set.of("p", "li", "dt", "dd", "tr", "td", "th", "option",
      "thead", "tbody", "tfoot", "rt", "rp");

  private MarkupLimits() {}

  /** Whether a Markdown text nests quotes or lists deeper than {@link #MAX_DEPTH}. */
  public static boolean markdownTooDeep(String markdown) {
    if (markdown == null) {
      return false;
    }
    int n = markdown.length();
    int i = 0;
    while (i < n) {
      int depth = 0;
      int indent = 0;
      // the line's prefix: spaces, tabs, '>' and list markers
      while (i < n) {
        char c = markdown.charAt(i);
        if (c == ' ') {
          indent++;
          i++;
        } else if (c == '\t') {
          indent += 4;
          i++;
        } else if (c == '>') {
          depth++;
          i++;
        } else if ((c == '-' || c == '*' || c == '+') && i + 1 < n && (markdown.charAt(i + 1) == ' ')) {
          depth++;
          i += 2;
        } else if (Character.isDigit(c)) {
          int j = i;
          while (j < n && j - i < 9 && Character.isDigit(markdown.charAt(j))) {
            j++;
          }
          if (j + 1 < n && (markdown.charAt(j) == '.' || markdown.charAt(j) == ')') && markdown.charAt(j + 1) == ' ') {
            depth++;
            i = j + 2;
          } else {
            break;
          }
        } else {
          break;
        }
        if (depth + indent / 4 > MAX_DEPTH) {
          return true;
        }
      }
      int eol = markdown.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    }
    return false;
  }

  /**
   * Whether an HTML text nests elements deeper than {@link #MAX_DEPTH} or has more than {@link #MAX_ELEMENTS}.
   * Open elements are tracked by name, as a parser does: a stray or mismatched end tag closes nothing.
   */
  public static boolean htmlTooComplex(String html) {
    if (html == null) {
      return false;
    }
    int n = html.length();
    String[] open = new String[MAX_DEPTH + 1];
    int depth = 0;
    int elements = 0;
    for (int i = html.indexOf('<'); i >= 0 && i + 1 < n; i = html.indexOf('<', i + 1)) {
      boolean end = html.charAt(i + 1) == '/';
      int start = end ? i + 2 : i + 1;
      if (start >= n || !Character.isLetter(html.charAt(start))) {
        continue;
      }
      int j = start;
      while (j < n && j - start < 20 && Character.isLetterOrDigit(html.charAt(j))) {
        j++;
      }
      String name = html.substring(start, j).toLowerCase(Locale.ROOT);
      if (end) {
        for (int k = depth - 1; k >= 0; k--) {
          if (open[k].equals(name)) {
            depth = k;
            break;
          }
        }
        continue;
      }
      if (++elements > MAX_ELEMENTS) {
        return true;
      }
      int close = html.indexOf('>', j);
      boolean selfClosed = close > 0 && html.charAt(close - 1) == '/';
      if (!VOID.contains(name) && !SELF_CLOSING.contains(name) && !selfClosed) {
        if (depth == MAX_DEPTH) {
          return true;
        }
        open[depth++] = name;
      }
    }
    return false;
  }

  /**
   * The text of an HTML text without parsing it: tags dropped, the five common entities decoded,
   * white space collapsed, cut at {@link #MAX_FALLBACK_CHARS}. For texts too complex to parse.
   */
  public static String stripTags(String html) {
    if (html == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(html.length(), MAX_FALLBACK_CHARS + 16));
    boolean inTag = false;
    boolean space = false;
    for (int i = 0; i < html.length() && out.length() < MAX_FALLBACK_CHARS; i++) {
      char c = html.charAt(i);
      if (inTag) {
        inTag = c != '>';
        if (!inTag) {
          space = true;
        }
      } else if (c == '<') {
        inTag = true;
      } else if (Character.isWhitespace(c) || c == '\u00A0') {
        space = true;
      } else {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(c);
      }
    }
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
