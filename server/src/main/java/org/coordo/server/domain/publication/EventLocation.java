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

  /** A short human description: "name, address" or the online link. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (name != null) {
      out.append(name);
    }
    String addr = addressText != null ? addressText : address != null ? address.oneLine() : null;
    if (addr != null && !addr.isBlank()) {
      String locality = address != null ? address.addressLocality() : null;
      String shown = name != null && locality != null && addressText == null ? locality : addr;
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(shown);
    }
    if (out.length() == 0 && onlineUrl != null) {
      out.append(onlineUrl);
    }
    return out.toString();
  }
}
