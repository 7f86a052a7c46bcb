package org.coordo.server.domain.coordination;

import java.net.URI;
import java.time.Instant;

/**
 * On a city node: a collective's request to join a national coordination (the {@code Join} it sent)
 * and the answer it got. One per collective: asking another coordination replaces it.
 *
 * @param collective the local collective that asked
 * @param national the national group's actor id
 * @param nationalHandle {@code @name@host} of the national group, as shown
 * @param joinId the id of the Join sent
 * @param state pending until the national group answers with Accept (member) or Reject (refused)
 * @param sentAt when the Join was sent
 * @param answeredAt when the answer arrived, or null
 */
public record JoinRequest(String collective, URI national, String nationalHandle, String joinId, State state,
    Instant sentAt, Instant answeredAt) {

  public enum State { PENDING, MEMBER, REFUSED }

  public JoinRequest answered(State to, Instant at) {
    return new JoinRequest(collective, national, nationalHandle, joinId, to, sentAt, at);
  }
}
