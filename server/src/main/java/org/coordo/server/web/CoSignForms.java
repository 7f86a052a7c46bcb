package org.coordo.server.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.text.SafeUrls;

/**
 * What the co-signature forms accept, checked before any service call: the handles typed to invite
 * collectives, and the plain-text signatories (one per line, an optional link). A refusal is a
 * message key with its arguments, shown in the reader's language next to the field; nothing typed
 * is lost (the form comes back with the text as sent).
 */
final class CoSignForms {
  /** Most handles one submission may invite (each one is a WebFinger look-up and an Invite). */
  static final int MAX_HANDLES = 20;
  /** Longest handle or profile address accepted. */
  static final int MAX_HANDLE = 300;
  /** Longest text accepted in either field before it is even read (a pasted book is refused whole). */
  static final int MAX_FIELD = TextSignatory.MAX_COUNT * (TextSignatory.MAX_NAME + TextSignatory.MAX_URL + 8);
  /** Longest piece of what was typed repeated in a message. */
  private static final int ECHO = 80;

  /** {@code name@host} with an optional leading {@code @} (the host: letters, digits, dots, dashes, a port). */
  private static final Pattern HANDLE = Pattern.compile("@?[\\p{L}\\p{N}._~-]{1,100}@[\\p{L}\\p{N}.-]{1,253}(:\\d{1,5})?");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
  private static final Pattern LINK = Pattern.compile("(?i)https?://\\S+");

  /** A refusal: a message key and its arguments (plain text, escaped when shown). */
  record Problem(String key, List<String> args) {
    static Problem of(String key, Object... args) {
      List<String> out = new ArrayList<>();
      for (Object a : args) {
        out.add(String.valueOf(a));
      }
      return new Problem(key, List.copyOf(out));
    }

    String in(PageContext p) {
      return p.t(key, args.toArray());
    }
  }

  /** What a field gave: the values read, and the refusals (the form is refused when there is any). */
  record Parsed<T>(List<T> values, List<Problem> problems) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  private CoSignForms() {}

  /**
   * The handles typed, one per line (or separated by spaces or commas), without repeats: {@code
   * @lille@lille.example}, {@code lille@lille.example}, or an http(s) profile address.
   */
  static Parsed<String> handles(String typed) {
    List<Problem> problems = new ArrayList<>();
    if (typed == null || typed.isBlank()) {
      return new Parsed<>(List.of(), List.of(Problem.of("cosign.error.noHandle")));
    }
    if (typed.length() > MAX_FIELD) {
      return new Parsed<>(List.of(), List.of(Problem.of("cosign.error.tooLong")));
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (String token : SEPARATORS.split(typed.strip())) {
      if (token.isEmpty()) {
        continue;
      }
      String key = token.toLowerCase(Locale.ROOT).replaceFirst("^@", "");
      if (!seen.add(key)) {
        continue;
      }
      if (token.length() > MAX_HANDLE || !(HANDLE.matcher(token).matches() || isProfileUrl(token))) {
        problems.add(Problem.of("cosign.error.handle", echo(token)));
      } else {
        out.add(token);
      }
    }
    if (seen.size() > MAX_HANDLES) {
      return new Parsed<>(List.of(), List.of(Problem.of("cosign.error.tooManyHandles", MAX_HANDLES)));
    }
    return new Parsed<>(out, problems);
  }

  private static boolean isProfileUrl(String token) {
    return LINK.matcher(token).matches() && SafeUrls.http(token).isPresent();
  }

  /**
   * The plain-text signatories, one per line: a name, then optionally its link, after a {@code |}
   * or simply at the end of the line ({@code Union locale CGT https://ul.example}). Blank lines are
   * skipped; a link must be http(s).
   */
  static Parsed<TextSignatory> textSignatories(String typed) {
    if (typed == null || typed.isBlank()) {
      return new Parsed<>(List.of(), List.of());
    }
    if (typed.length() > MAX_FIELD) {
      return new Parsed<>(List.of(), List.of(Problem.of("cosign.error.tooLong")));
    }
    List<TextSignatory> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = typed.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int number = i + 1;
      if (line.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
        problems.add(Problem.of("cosign.error.lineControl", number));
        continue;
      }
      String name = line;
      String link = null;
      int bar = line.lastIndexOf('|');
      if (bar >= 0) {
        name = line.substring(0, bar).strip();
        link = line.substring(bar + 1).strip();
      } else {
        int space = line.lastIndexOf(' ');
        String last = space < 0 ? line : line.substring(space + 1);
        if (last.regionMatches(true, 0, "http://", 0, 7) || last.regionMatches(true, 0, "https://", 0, 8)) {
          name = space < 0 ? "" : line.substring(0, space).strip();
          link = last;
        }
      }
      name = name.replace('\t', ' ').strip();
      if (name.isEmpty()) {
        problems.add(Problem.of("cosign.error.lineNoName", number));
        continue;
      }
      if (name.codePointCount(0, name.length()) > TextSignatory.MAX_NAME) {
        problems.add(Problem.of("cosign.error.lineNameTooLong", number, TextSignatory.MAX_NAME));
        continue;
      }
      String url = null;
      if (link != null && !link.isEmpty()) {
        Optional<String> safe = link.length() > TextSignatory.MAX_URL ? Optional.empty() : SafeUrls.http(link);
        if (safe.isEmpty()) {
          problems.add(Problem.of("cosign.error.lineLink", number, echo(link)));
          continue;
        }
        url = safe.get();
      }
      out.add(new TextSignatory(name, url));
    }
    if (out.size() + problems.size() > TextSignatory.MAX_COUNT) {
      return new Parsed<>(List.of(), List.of(Problem.of("cosign.error.tooManySignatories", TextSignatory.MAX_COUNT)));
    }
    return new Parsed<>(out, problems);
  }

  /** The text area's content for stored signatories (what {@link #textSignatories} reads back). */
  static String asText(List<TextSignatory> list) {
    StringBuilder out = new StringBuilder();
    for (TextSignatory s : list) {
      out.append(s.name());
      if (s.url() != null && !s.url().isBlank()) {
        out.append(" | ").append(s.url());
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A piece of what was typed, short and on one line, to name it in a message. */
  static String echo(String typed) {
    String one = typed.replaceAll("\\p{Cntrl}", "?");
    return one.length() <= ECHO ? one : one.substring(0, ECHO) + "…";
  }
}
