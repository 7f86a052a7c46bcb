package org.coordo.server.mail;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one check of mail addresses and of the text that goes into headers. An address is what people
 * type and relays accept: {@code local@domain}, an ASCII dot-atom local part (RFC 5322 {@code atext}
 * and dots, no quoted strings, no comments, at most 64 characters) and a DNS domain with at least one
 * dot (or {@code localhost}), at most 254 characters in all. Stricter than RFC 5321 on purpose: what
 * it refuses (quoted local parts, IP literals, internationalised addresses) is rare in real sign-ups and
 * is where header and SMTP command injection hide.
 */
public final class MailAddresses {
  private MailAddresses() {}

  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  /** Whether {@code address} is a mail address this node sends to (see the class comment). */
  public static boolean valid(String address) {
    if (address == null || address.length() > 254) {
      return false;
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at > 64 || at == address.length() - 1) {
      return false;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (!LOCAL.matcher(local).matches()) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2 && !domain.equalsIgnoreCase("localhost")) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !labels[labels.length - 1].matches("\\d+"); // a top-level label is never all digits (no IP)
  }

  /**
   * What a person typed into a form, as an address this node sends to, in its one stored form: trimmed
   * (line breaks and tabs included), an internationalised domain in its {@code xn--} form, lower case
   * ({@link #normalize}); empty when it is not one ({@link #valid}, and a domain with a dot).
   */
  public static Optional<String> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = typed.strip();
    int at = s.lastIndexOf('@');
    if (at > 0 && at < s.length() - 1) {
      try {
        s = s.substring(0, at + 1) + IDN.toASCII(s.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    String address = normalize(s);
    // what a person types is on the Internet: a domain with a dot (valid() also takes localhost, for tests)
    boolean dotted = address.indexOf('.', address.lastIndexOf('@')) > 0;
    return valid(address) && dotted ? Optional.of(address) : Optional.empty();
  }

  /**
   * The form addresses are compared and stored in (subscribers, bounces): trimmed and in lower case. RFC 5321
   * lets a server treat local parts as case-sensitive; none that people use does, and one person must not
   * count as two subscribers (or escape a bounce count) by typing a capital.
   */
  public static String normalize(String address) {
    return address.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code text} can go into a header as one line: no CR, LF or other control character
   * (tab included), no unpaired surrogate. The transport encodes the rest (RFC 2047).
   */
  public static boolean headerSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
