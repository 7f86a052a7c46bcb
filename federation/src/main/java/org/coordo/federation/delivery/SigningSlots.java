package org.coordo.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;

/**
 * At most {@code limit} signatures in the making at once; the others wait their turn here, in arrival order,
 * rather than in the worker pool's queue (which the inbox shares). Not thread-safe: confined to the delivery
 * worker's context.
 */
final class SigningSlots {
  private final int limit;
  private final ArrayDeque<Promise<Void>> waiting = new ArrayDeque<>();
  private int busy;
  private int peak;

  SigningSlots(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one signing slot");
    }
    this.limit = limit;
  }

  /** Completes when a slot is the caller's; {@link #release()} it once the signature is made (or failed). */
  Future<Void> acquire() {
    if (busy < limit) {
      busy++;
      peak = Math.max(peak, busy);
      return Future.succeededFuture();
    }
    Promise<Void> turn = Promise.promise();
    waiting.add(turn);
    return turn.future();
  }

  /** Hands the slot to the first waiting caller, or frees it. */
  void release() {
    Promise<Void> next = waiting.poll();
    if (next != null) {
      next.complete();
    } else if (busy > 0) {
      busy--;
    }
  }

  /** The most slots ever taken at once. */
  int peak() {
    return peak;
  }

  /** Callers waiting for a slot now. */
  int waiting() {
    return waiting.size();
  }
}
