package org.coordo.federation.delivery;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.URI;
import org.coordo.federation.FetchException;
import org.coordo.federation.fetch.UrlGuard;

/** Checks an inbox before anything is sent to it (private addresses, blocked domains). */
@FunctionalInterface
public interface InboxGuard {
  /**
   * The checked address to connect to (null: let the client resolve the host); fails with {@link
   * Undeliverable} when nothing may be sent to this inbox (the job is dropped), with anything else
   * for a failure worth retrying.
   */
  Future<InetAddress> check(URI inbox);

  static InboxGuard allowAll() {
    return inbox -> Future.succeededFuture(null);
  }

  /**
   * sig's URL guard: a forbidden URL (private address without {@code allowPrivateAddresses}, bad
   * scheme) drops the job; a host that does not resolve is an ordinary failure, retried.
   */
  static InboxGuard of(UrlGuard urlGuard) {
    return inbox -> urlGuard.check(inbox).map(addresses -> addresses.get(0)).recover(err ->
        Future.failedFuture(err instanceof FetchException fe && fe.reason() == FetchException.Reason.FORBIDDEN_URL
            ? new Undeliverable(fe.getMessage())
            : err));
  }
}
