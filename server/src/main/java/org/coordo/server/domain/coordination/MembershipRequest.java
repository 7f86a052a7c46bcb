package org.coordo.server.domain.coordination;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;

/**
 * On the national node: a collective's request to belong to the national coordination, received as
 * an ActivityPub {@code Join} of the national group signed by the collective's actor.
 *
 * @param actor the collective's actor id (the Join's verified signer)
 * @param name its short name, lower case ({@code preferredUsername})
 * @param displayName its name as it gives it
 * @param handle {@code @name@host}
 * @param url its profile page (the actor's {@code url}, else its id)
 * @param join the Join activity as received (answered by embedding it in the Accept or Reject)
 * @param state where the request stands
 * @param requestedAt when the (latest) Join arrived
 * @param decidedAt when an admin accepted or refused it, or null
 */
public record MembershipRequest(URI actor, String name, String displayName, String handle, String url,
    JsonObject join, State state, Instant requestedAt, Instant decidedAt) {

  public enum State { PENDING, ACCEPTED, REFUSED }

  public String joinId() {
    return join.getString("id");
  }

  public MembershipRequest decided(State to, Instant at) {
    return new MembershipRequest(actor, name, displayName, handle, url, join, to, requestedAt, at);
  }
}
