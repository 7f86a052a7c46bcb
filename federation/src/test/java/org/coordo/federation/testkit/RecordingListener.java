package org.coordo.federation.testkit;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;

/** An inbox listener that records what it got (only verified activities reach listeners). */
public final class RecordingListener implements InboxListener {
  private final List<InboundActivity> received = new CopyOnWriteArrayList<>();

  @Override
  public Future<Void> onActivity(InboundActivity activity) {
    received.add(activity);
    return Future.succeededFuture();
  }

  public List<InboundActivity> received() {
    return new ArrayList<>(received);
  }

  /** The first activity received with this id. */
  public Optional<InboundActivity> find(String activityId) {
    return received.stream().filter(a -> activityId.equals(a.activity().getString("id"))).findFirst();
  }

  /** The first activity whose object has this id. */
  public Optional<InboundActivity> findByObject(String objectId) {
    return received.stream().filter(a -> objectId.equals(a.objectId())).findFirst();
  }

  public void clear() {
    received.clear();
  }
}
