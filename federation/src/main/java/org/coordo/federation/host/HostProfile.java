package org.coordo.federation.host;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.coordo.federation.sig.SignatureKnock.Knock;
import org.coordo.federation.sig.SignatureScheme;

/**
 * What this node learned about a remote server.
 *
 * @param knock the signing that last succeeded there (null: not known yet, RFC 9421 is tried first)
 * @param software NodeInfo's {@code software.name}, lower case (null: unknown or not read)
 * @param softwareCheckedAt when NodeInfo was last read or tried (null: never)
 * @param softwareFailed whether that last try failed (then it is retried sooner)
 */
public record HostProfile(Knock knock, String software, Instant softwareCheckedAt, boolean softwareFailed) {
  public static final HostProfile EMPTY = new HostProfile(null, null, null, false);

  public SoftwareFamily family() {
    return SoftwareFamily.of(software);
  }

  public HostProfile withKnock(Knock k) {
    return new HostProfile(k, software, softwareCheckedAt, softwareFailed);
  }

  public HostProfile withSoftware(String name, Instant at, boolean failed) {
    return new HostProfile(knock, name, at, failed);
  }

  /** {@code {"sig": "rfc9421"|"cavage", "challenge": "…", "software": "…", "checkedAt": ms, "failed": bool}}. */
  JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (knock != null) {
      j.put("sig", knock.scheme() == SignatureScheme.RFC9421 ? "rfc9421" : "cavage");
      if (knock.challenge() != null) {
        j.put("challenge", knock.challenge());
      }
    }
    if (software != null) {
      j.put("software", software);
    }
    if (softwareCheckedAt != null) {
      j.put("checkedAt", softwareCheckedAt.toEpochMilli()).put("failed", softwareFailed);
    }
    return j;
  }

  static HostProfile fromJson(JsonObject j) {
    String sig = j.getString("sig");
    Knock knock = sig == null ? null
        : new Knock("cavage".equals(sig) ? SignatureScheme.CAVAGE : SignatureScheme.RFC9421, j.getString("challenge"));
    Long at = j.getLong("checkedAt");
    return new HostProfile(knock, j.getString("software"), at == null ? null : Instant.ofEpochMilli(at),
        j.getBoolean("failed", false));
  }
}
