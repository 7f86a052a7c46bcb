package org.coordo.server.web;

import io.vertx.core.Future;
import java.util.List;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.server.service.mail.SubscriptionService;

/**
 * Builds the subscribe boxes: the scope's display name and, for the national scope, the cities one
 * may pick (the ones the national coordination follows).
 */
final class SubscriptionBoxes {
  private final SubscriptionService subs;
  private final NationalService national;

  /** @param national the national coordination on a national node, else null */
  SubscriptionBoxes(SubscriptionService subs, NationalService national) {
    this.subs = subs;
    this.national = national;
  }

  /** A public page's box: {@code city} ticked (national), events only when {@code events}. */
  Future<SubscribeBox> box(String scope, String city, boolean events) {
    return named(scope).compose(name -> isNational(scope)
        ? national.cities().map(cities -> SubscribeBox.national(scope, name, cities, city, events))
        : Future.succeededFuture(SubscribeBox.collective(scope, name)));
  }

  /** The manage page's box: the subscriber's choices. */
  Future<SubscribeBox> box(Subscription s) {
    return named(s.scope()).compose(name -> (isNational(s.scope()) ? national.cities()
        : Future.succeededFuture(List.<FollowedCity>of())).map(cities -> SubscribeBox.of(s, name, cities)));
  }

  private boolean isNational(String scope) {
    return national != null && scope.equals(subs.nationalScope());
  }

  private Future<String> named(String scope) {
    return subs.scopeName(scope).compose(name -> name.isPresent() ? Future.succeededFuture(name.get())
        : Future.failedFuture(NodeError.notFound("collective")));
  }
}
