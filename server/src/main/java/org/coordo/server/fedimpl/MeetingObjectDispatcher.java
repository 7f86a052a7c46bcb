package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.spi.ServedObject;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.service.group.GroupPlanning;

/**
 * Serves the public meetings of public working groups as {@code Event}s by id (so that a server
 * receiving the group's announce can fetch them); any other meeting, internal or of an internal
 * group, is answered like an unknown id (404).
 */
public final class MeetingObjectDispatcher implements ObjectDispatcher {
  private final Supplier<GroupPlanning> planning;

  /** {@code planning} is read at the first request (it is built on the federation this dispatcher is part of). */
  public MeetingObjectDispatcher(Supplier<GroupPlanning> planning) {
    this.planning = planning;
  }

  @Override
  public List<String> paths() {
    return List.of(GroupUris.MEETING_PATH);
  }

  @Override
  public Future<Optional<ServedObject>> find(URI id) {
    return planning.get().publicMeeting(id).map(found -> found.map(ServedObject::found));
  }
}
