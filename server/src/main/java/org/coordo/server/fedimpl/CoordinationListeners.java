package org.coordo.server.fedimpl;

import java.util.function.BiConsumer;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.service.coordination.CoordinationService;
import org.coordo.server.service.coordination.JoinService;

/**
 * Joining the national coordination over ActivityPub (issue 17): on the national node a {@code Join}
 * of its group becomes a pending membership request ({@link CoordinationService#onJoin}); on every
 * node the {@code Accept} or {@code Reject} of a Join a collective sent records the answer ({@link
 * JoinService#onAnswer}), and the national group's {@code Follow} of a collective that asked to join is approved
 * ({@link JoinService#onFollow}). The inbox pipeline has verified each activity's signature and that its
 * signer is its actor before these run.
 */
public final class CoordinationListeners {
  private final CoordinationService national;
  private final JoinService joins;

  /** @param national the coordination on a national node, else null */
  public CoordinationListeners(CoordinationService national, JoinService joins) {
    this.national = national;
    this.joins = joins;
  }

  void register(BiConsumer<String, InboxListener> on) {
    if (national != null) {
      on.accept("Join", national::onJoin);
    }
    on.accept("Accept", a -> joins.onAnswer(a, true));
    on.accept("Reject", a -> joins.onAnswer(a, false));
    on.accept("Follow", joins::onFollow); // before the editors' notice: an approved follow is not told
  }
}
