package org.coordo.server.domain.publication;

/**
 * Where an event happens: a physical place (name, address as free text or structured, optional
 * coordinates), an online link, or both.
 *
 * @param name the place's name ("Place Grenette"), or null
 * @param addressText a free-text address, or null
 * @param address a structured address, or null
 * @param latitude degrees, or null
 * @param longitude degrees, or null
 * @param onlineUrl an absolute http(s) URL for online events, or null
 */
public record EventLocation(
    String name,
    String addressText,
    PostalAddress address,
    Double latitude,
    Double longitude,
    String onlineUrl) {

  public boolean hasPlace() {
    return name != null || addressText != null || address != null || latitude != null;
  }

  /**
   * A short human description: "name, address" or the online link. An address that already starts
   * with the place's name ("Place Grenette, 38000 Grenoble" for "Place Grenette") is shown alone, so
   * the place is not repeated.
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    String place = name == null || name.isBlank() ? null : name.trim();
    String addr = addressText != null ? addressText : address != null ? address.oneLine() : null;
    if (addr != null && !addr.isBlank()) {
      String locality = address != null ? address.addressLocality() : null;
      String shown = (place != null && locality != null && addressText == null ? locality : addr).trim();
      if (place != null && !startsWithName(shown, place)) {
        out.append(place).append(", ");
      }
      out.append(shown);
    } else if (place != null) {
      out.append(place);
    }
    if (out.length() == 0 && onlineUrl != null) {
      out.append(onlineUrl);
    }
    return out.toString();
  }

  /** Whether {@code text} begins with {@code name} as a whole (case aside): "Place Grenette, …". */
  private static boolean startsWithName(String text, String name) {
    if (!text.regionMatches(true, 0, name, 0, name.length())) {
      return false;
    }
    return text.length() == name.length() || !Character.isLetterOrDigit(text.charAt(name.length()));
  }
}
