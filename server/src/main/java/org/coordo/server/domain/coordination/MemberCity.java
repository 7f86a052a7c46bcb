package org.coordo.server.domain.coordination;

/**
 * A collective that belongs to the national coordination, as its public list shows it.
 *
 * @param name short name (the {@code city} filter of the national listings)
 * @param displayName its name
 * @param handle {@code @name@host}
 * @param url its profile page
 * @param actorId its actor id
 * @param how how it came in: the coordination follows it, or it asked to join and was accepted
 * @param since when its request was accepted (null for a followed city)
 */
public record MemberCity(String name, String displayName, String handle, String url, String actorId, How how,
    java.time.Instant since) {

  public enum How {
    /** The national group follows it (configured, or added by an admin). */
    FOLLOWED,
    /** It asked to join (a Join) and an admin accepted. */
    JOINED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
