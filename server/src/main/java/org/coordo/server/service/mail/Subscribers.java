package org.coordo.server.service.mail;

import java.util.List;
import org.coordo.server.domain.mail.Subscriber;

/**
 * What publication mails need from subscriptions (issue 15): the confirmed subscribers of one
 * scope, paged in a stable order so that a fan-out to thousands never holds them all in memory.
 * Store code: call it on the storage worker.
 */
public interface Subscribers {

  /**
   * Confirmed subscribers of {@code scope} whose id comes after {@code afterId} ({@code null}: from
   * the first), at most {@code limit}, in id order.
   */
  List<Subscriber> confirmed(String scope, String afterId, int limit);

  /** Any one confirmed subscriber by id, if still subscribed (a correction's recipient, say). */
  java.util.Optional<Subscriber> find(String id);
}
