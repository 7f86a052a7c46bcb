package org.coordo.server.domain.cosign;

import java.time.Instant;
import java.util.Objects;

/**
 * One signatory of a co-signed call, as shown on the call (page, ActivityStreams, feeds).
 *
 * @param kind a fediverse actor that accepted (signed by its own key), or a name typed by the editors
 * @param actor the signatory's actor id (FEDERATED), null for TEXT
 * @param name its display name (FEDERATED: the actor's {@code name}, else its preferredUsername; TEXT: as typed)
 * @param handle {@code name@host} (FEDERATED), null for TEXT
 * @param url where a reader goes to know it: the actor's profile page ({@code url}, else its id) for
 *     FEDERATED; the optional http(s) link typed by the editors for TEXT (may be null)
 * @param signedAt when its Accept was recorded (FEDERATED), when it was typed (TEXT)
 * @param activity the id of the activity that made it a signatory: the signatory's {@code Accept} on
 *     the author's node, the author's {@code Add} on other nodes; null for TEXT
 */
public record Signatory(
    Kind kind, String actor, String name, String handle, String url, Instant signedAt, String activity) {

  /** Where a signatory comes from. */
  public enum Kind {
    /** A fediverse actor (a Group) that accepted the invitation. */
    FEDERATED,
    /** A name typed by the author's editors: a union section, a group not on the fediverse. */
    TEXT
  }

  public Signatory {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == Kind.FEDERATED) {
      Objects.requireNonNull(actor, "actor");
    }
  }

  public static Signatory federated(String actor, String name, String handle, String url, Instant signedAt,
      String activity) {
    return new Signatory(Kind.FEDERATED, actor, name, handle, url, signedAt, activity);
  }

  public static Signatory text(TextSignatory typed, Instant at) {
    return new Signatory(Kind.TEXT, null, typed.name(), null, typed.url(), at, null);
  }

  public boolean isFederated() {
    return kind == Kind.FEDERATED;
  }
}
