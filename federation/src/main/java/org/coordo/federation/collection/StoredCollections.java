package org.coordo.federation.collection;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.outbox.OutboxRepository;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;

/**
 * {@link CollectionSource}s over the protocol repositories, run on the worker executor: the
 * outbox (stored activities embedded, as Mastodon's outbox pages do; a bare id when the activity
 * is gone), accepted followers and accepted following (actor ids).
 */
public final class StoredCollections {
  private StoredCollections() {}

  public static CollectionSource outbox(OutboxRepository outbox, ActivityRepository activities, WorkerExecutor worker) {
    return new CollectionSource() {
      @Override
      public Future<Long> count(String actor) {
        return worker.executeBlocking(() -> outbox.count(actor), false);
      }

      @Override
      public Future<Page<Object>> page(String actor, Cursor after, int limit) {
        return worker.executeBlocking(() -> {
          Page<URI> ids = outbox.page(actor, after, limit);
          List<Object> items = new ArrayList<>(ids.items().size());
          for (URI id : ids.items()) {
            items.add(activities.find(id).<Object>map(a -> a).orElse(id.toString()));
          }
          return new Page<>(List.copyOf(items), ids.next());
        }, false);
      }
    };
  }

  public static CollectionSource followers(FollowRepository follows, WorkerExecutor worker) {
    return new CollectionSource() {
      @Override
      public Future<Long> count(String actor) {
        return worker.executeBlocking(() -> follows.count(actor), false);
      }

      @Override
      public Future<Page<Object>> page(String actor, Cursor after, int limit) {
        return worker.executeBlocking(
            () -> follows.page(actor, after, limit).map(f -> (Object) f.actorId().toString()), false);
      }
    };
  }

  public static CollectionSource following(FollowRepository follows, WorkerExecutor worker) {
    return new CollectionSource() {
      @Override
      public Future<Long> count(String actor) {
        return worker.executeBlocking(() -> follows.countFollowing(actor), false);
      }

      @Override
      public Future<Page<Object>> page(String actor, Cursor after, int limit) {
        return worker.executeBlocking(
            () -> follows.followingPage(actor, after, limit).map(f -> (Object) f.actorId().toString()), false);
      }
    };
  }
}
