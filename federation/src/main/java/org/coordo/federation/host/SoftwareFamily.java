package org.coordo.federation.host;

import java.util.Locale;
import java.util.Set;

/**
 * What a receiving server understands of a group's publication, from the software its NodeInfo names:
 *
 * <ul>
 *   <li>{@link #MICROBLOG}: shows a boost — the plain {@code Announce} of the object URI — and ignores an {@code
 *       Announce} of an activity (Mastodon, GoToSocial, the Misskey family, Pleroma, Akkoma…). The Misskey family
 *       also skips a {@code Create} whose {@code attributedTo} is not exactly its actor, which ours never is.
 *   <li>{@link #GROUP_AWARE}: understands FEP-1b12, the group's {@code Announce} of the activity itself (Lemmy,
 *       Mbin, PieFed, Mobilizon, Coordo…).
 *   <li>{@link #OTHER}: unknown software, or NodeInfo could not be read: gets every form.
 * </ul>
 */
public enum SoftwareFamily {
  MICROBLOG,
  GROUP_AWARE,
  OTHER;

  private static final Set<String> MICROBLOGS = Set.of("mastodon", "hometown", "glitch", "glitchsoc", "gotosocial",
      "misskey", "sharkey", "firefish", "iceshrimp", "iceshrimp.net", "calckey", "foundkey", "catodon", "cherrypick",
      "meisskey", "pleroma", "akkoma", "honk", "snac", "takahe", "pixelfed", "fedibird", "hollo");
  private static final Set<String> GROUP_AWARE_SOFTWARE =
      Set.of("lemmy", "mbin", "kbin", "piefed", "mobilizon", "coordo", "lotide", "nodebb");

  /** The family of a NodeInfo {@code software.name} (any case); {@link #OTHER} when unknown or null. */
  public static SoftwareFamily of(String softwareName) {
    if (softwareName == null) {
      return OTHER;
    }
    String name = softwareName.strip().toLowerCase(Locale.ROOT);
    if (MICROBLOGS.contains(name)) {
      return MICROBLOG;
    }
    return GROUP_AWARE_SOFTWARE.contains(name) ? GROUP_AWARE : OTHER;
  }

  /** The name used in delivery job payloads. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static SoftwareFamily fromId(String id) {
    for (SoftwareFamily f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown software family " + id);
  }
}
