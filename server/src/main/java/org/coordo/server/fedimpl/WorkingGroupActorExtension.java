package org.coordo.server.fedimpl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.spi.ActorExtension;
import org.coordo.server.convert.AsContext;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.service.group.PublicGroups;

/**
 * Links public working groups and their collectives both ways in the actor documents: a working
 * group's {@code Group} actor names its collective's actor in {@code attributedTo} and {@code
 * workingGroupOf}, and its public page in {@code url}; a collective's actor lists its public groups'
 * actors in {@code workingGroups}. Every other actor gets the collectives' extension ({@code
 * upcomingEvents}). Reads only the in-memory {@link PublicGroups}: no I/O, as the hook requires.
 */
public final class WorkingGroupActorExtension implements ActorExtension {
  private final PublicGroups groups;
  private final GroupUris uris;
  private final ActorExtension collectives;

  public WorkingGroupActorExtension(PublicGroups groups, GroupUris uris, ActorExtension collectives) {
    this.groups = groups;
    this.uris = uris;
    this.collectives = collectives;
  }

  @Override
  public void extend(LocalActor actor, JsonObject document) {
    if (actor.type() != ActorType.Group) {
      collectives.extend(actor, document);
      return;
    }
    JsonObject terms = document.getJsonArray("@context").getJsonObject(2);
    Optional<WorkingGroup> group = groups.byActor(actor.name());
    if (group.isPresent()) {
      WorkingGroup g = group.get();
      String collective = uris.actor(g.collective()).toString();
      AsContext.declareWorkingGroupTerms(terms);
      document.put("attributedTo", collective);
      document.put("workingGroupOf", collective);
      document.put("url", uris.page(g.collective(), g.name()).toString());
      return;
    }
    collectives.extend(actor, document);
    List<String> mine = groups.actorsOf(actor.name());
    if (!mine.isEmpty()) {
      AsContext.declareWorkingGroupTerms(terms);
      document.put("workingGroups", new JsonArray(mine.stream().map(n -> uris.actor(n).toString()).toList()));
    }
  }
}
