package org.coordo.server.domain.publication;

/** A schema.org PostalAddress; every part optional, at least one present. */
public record PostalAddress(
    String streetAddress, String postalCode, String addressLocality, String addressRegion, String addressCountry) {

  /** "street, postal code locality, region, country" with the missing parts left out. */
  public String oneLine() {
    StringBuilder out = new StringBuilder();
    append(out, streetAddress);
    String city = join(postalCode, addressLocality);
    append(out, city);
    append(out, addressRegion);
    append(out, addressCountry);
    return out.toString();
  }

  private static String join(String a, String b) {
    if (a == null || a.isBlank()) {
      return b;
    }
    return b == null || b.isBlank() ? a : a + " " + b;
  }

  private static void append(StringBuilder out, String part) {
    if (part != null && !part.isBlank()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(part.trim());
    }
  }
}
