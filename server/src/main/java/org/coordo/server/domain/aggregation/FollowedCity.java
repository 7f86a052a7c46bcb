package org.coordo.server.domain.aggregation;

/**
 * A collective the national coordination follows, as its front page lists it.
 *
 * @param name its short name (lower case): the {@code city} filter of the national listings
 * @param displayName its display name (the short name when it gave none)
 * @param handle {@code @name@host}
 * @param url its page (the actor's {@code url}, else its id)
 * @param accepted whether it accepted the follow (else still pending)
 * @param actorId its actor id
 */
public record FollowedCity(String name, String displayName, String handle, String url, boolean accepted,
    String actorId) {}
