package org.coordo.federation.vocab;

import java.util.Locale;
import org.coordo.federation.vocab.As;

/**
 * Content negotiation on the {@code Accept} header, kept deliberately simple (q-values ignored):
 * real fediverse clients list the ActivityStreams types, browsers list {@code text/html}.
 */
public final class Negotiation {
  private Negotiation() {}

  /**
   * Whether the client asks for ActivityStreams: {@code application/activity+json} or {@code
   * application/ld+json} (with any profile, or none) among the accepted types.
   */
  public static boolean wantsActivityStreams(String accept) {
    if (accept == null) {
      return false;
    }
    for (String entry : accept.split(",")) {
      if (As.isActivityStreamsMediaType(entry)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the client wants a page: it accepts {@code text/html} and no ActivityStreams type. */
  public static boolean prefersHtml(String accept) {
    return accept != null
        && !wantsActivityStreams(accept)
        && accept.toLowerCase(Locale.ROOT).contains("text/html");
  }
}
