package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Ownership;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.vocab.As;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a collective accepts a local actor's follow, reads its outbox (signed fetches, at most
 * {@link #MAX_PAGES} pages and {@link #MAX_ITEMS} activities, newest pages first) and indexes what it
 * published before, oldest first so that later updates win. Objects embedded in the outbox come
 * from the collective's own origin (the outbox was fetched there); others are refetched.
 */
public final class AggregationBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(AggregationBackfill.class);
  public static final int MAX_PAGES = 5;
  public static final int MAX_ITEMS = 200;

  private final FederationContext federation;
  private final AggregationInboxListener ingest;

  public AggregationBackfill(FederationContext federation, AggregationInboxListener ingest) {
    this.federation = federation;
    this.ingest = ingest;
  }

  /** The {@code Accept} listener: backfills once the follow of the accepting actor is accepted. */
  public InboxListener onAccept() {
    return activity -> federation.isFollowedLocally(activity.actor()).compose(accepted -> {
      if (!accepted) {
        return Future.succeededFuture();
      }
      // in the background: the inbox answers now, the outbox is read meanwhile
      backfill(activity.actor()).onComplete(ar -> {
        if (ar.succeeded()) {
          LOG.info("backfill of {}: {} activities read", activity.actor(), ar.result());
        } else {
          LOG.warn("backfill of {} failed: {}", activity.actor(), ar.cause().getMessage());
        }
      });
      return Future.succeededFuture();
    });
  }

  /** Reads the outbox of {@code group} and ingests it; the number of activities read. */
  public Future<Integer> backfill(URI group) {
    return federation.resolveActor(group).compose(actor -> {
      String outbox = actor.document().getString("outbox");
      if (outbox == null || !Ownership.sameOrigin(outbox, group)) {
        return Future.succeededFuture(0);
      }
      List<JsonObject> activities = new ArrayList<>();
      return fetch(outbox, group).compose(collection -> {
        Object first = collection.getValue("first");
        collectItems(collection, activities);
        if (first instanceof JsonObject page) {
          return pages(page, group, activities, 1);
        }
        if (first instanceof String url) {
          return fetch(url, group).compose(page -> pages(page, group, activities, 1));
        }
        return Future.succeededFuture();
      }).compose(v -> {
        Collections.reverse(activities);
        Future<Void> chain = Future.succeededFuture();
        for (JsonObject a : activities) {
          chain = chain.compose(x -> apply(a, group).recover(e -> {
            LOG.info("backfill of {}: {} skipped: {}", group, a.getString("id"), e.getMessage());
            return Future.succeededFuture();
          }));
        }
        return chain.map(activities.size());
      });
    });
  }

  private Future<Void> pages(JsonObject page, URI group, List<JsonObject> out, int n) {
    collectItems(page, out);
    String next = As.idOf(page.getValue("next"));
    if (next == null || n >= MAX_PAGES || out.size() >= MAX_ITEMS) {
      return Future.succeededFuture();
    }
    return fetch(next, group).compose(p -> pages(p, group, out, n + 1));
  }

  private static void collectItems(JsonObject page, List<JsonObject> out) {
    for (String key : new String[] {"orderedItems", "items"}) {
      for (Object o : As.oneOrMany(page, key)) {
        if (out.size() >= MAX_ITEMS) {
          return;
        }
        if (o instanceof JsonObject a) {
          out.add(a);
        }
      }
    }
  }

  private Future<Void> apply(JsonObject activity, URI group) {
    String type = As.typeOf(activity);
    Object object = activity.getValue("object");
    String objectId = As.idOf(object);
    if (objectId == null || type == null) {
      return Future.succeededFuture();
    }
    // the outbox is the group's word for its own objects only (Ownership); anything else: the origin's
    return switch (type) {
      case "Create", "Update" -> object instanceof JsonObject o && Ownership.sameOrigin(objectId, group)
          && !"Tombstone".equals(As.typeOf(o)) && Ownership.isNamedAuthor(o, group)
          ? ingest.ingestClaimed(o, group)
          : ingest.fetchAndIngest(objectId, group);
      case "Announce" -> object instanceof String ? ingest.fetchAndIngest(objectId, group) : Future.succeededFuture();
      case "Delete" -> ingest.fetchAndIngest(objectId, group);
      default -> Future.succeededFuture();
    };
  }

  private Future<JsonObject> fetch(String url, URI group) {
    if (!Ownership.sameOrigin(url, group)) {
      return Future.failedFuture(new IllegalStateException("outbox page of another origin: " + url));
    }
    return federation.fetchActivity(URI.create(url)).compose(f -> {
      if (!Ownership.sameOrigin(f.finalUrl(), group)) {
        return Future.failedFuture(new IllegalStateException("redirected to another origin: " + f.finalUrl()));
      }
      return Future.succeededFuture(f.json());
    });
  }
}
