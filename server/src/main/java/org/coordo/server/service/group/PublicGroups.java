package org.coordo.server.service.group;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.server.domain.group.WorkingGroup;

/**
 * The node's public working groups, in memory, by actor name: what the actor documents (served for
 * every fetch, with no I/O allowed) need to link a group and its collective both ways. Loaded from
 * the store when the node is assembled; the service adds a group when it is made public (there is no
 * way back) and replaces it when its texts change.
 */
public final class PublicGroups {
  private final Map<String, WorkingGroup> byActor = new ConcurrentHashMap<>();

  public PublicGroups(List<WorkingGroup> loaded) {
    loaded.forEach(this::put);
  }

  void put(WorkingGroup g) {
    if (g.isPublic()) {
      byActor.put(g.actorName(), g);
    }
  }

  /** The public group whose actor this is, if it is one. */
  public Optional<WorkingGroup> byActor(String actorName) {
    return Optional.ofNullable(byActor.get(actorName));
  }

  /** The actor names of a collective's public groups, in name order. */
  public List<String> actorsOf(String collective) {
    return byActor.values().stream().filter(g -> g.collective().equals(collective))
        .sorted(Comparator.comparing(WorkingGroup::name)).map(WorkingGroup::actorName).toList();
  }
}
