package org.coordo.server.domain.mail;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for an address a person types into a subscription form: {@code local@domain} with a
 * dot-atom local part (RFC 5322 {@code atext}, no quoted strings, no comments) of at most 64
 * characters, a domain of letters, digits and hyphens (internationalised names become their
 * {@code xn--} form) with at least two labels, at most 254 characters in all. Nothing else gets
 * through: no spaces, line breaks, commas, angle brackets or quotes, so an address can never carry
 * a second recipient or a header. Addresses are compared and stored in lower case (mail providers
 * treat the local part without case in practice; two spellings are one subscriber).
 */
public final class EmailAddresses {
  private EmailAddresses() {}

  public static final int MAX_LENGTH = 254;
  private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** The normalised address, or empty when {@code typed} is not one we accept. */
  public static Optional<String> normalise(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = typed.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int at = s.lastIndexOf('@');
    if (at <= 0 || at != s.indexOf('@') || at == s.length() - 1) {
      return Optional.empty();
    }
    String local = s.substring(0, at).toLowerCase(Locale.ROOT);
    if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
      return Optional.empty();
    }
    String domain;
    try {
      domain = IDN.toASCII(s.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    String address = local + "@" + domain;
    return address.length() > MAX_LENGTH ? Optional.empty() : Optional.of(address);
  }
}
