package org.coordo.server.domain.aggregation;

import java.util.List;
import java.util.Objects;

/**
 * How a national node coordinates.
 *
 * @param groupName the national {@code Group}'s actor name ({@code national})
 * @param displayName its display name
 * @param follow collectives to follow at start ({@code @name@host} handles or actor URLs)
 * @param reannounce what the group boosts to its followers
 */
public record NationalSettings(String groupName, String displayName, List<String> follow, ReannouncePolicy reannounce) {
  public NationalSettings {
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(reannounce, "reannounce");
    displayName = displayName == null || displayName.isBlank() ? groupName : displayName;
    follow = follow == null ? List.of() : List.copyOf(follow);
  }
}
