package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.coordo.server.domain.coordination.MemberCity;

/** The coordination's member cities as the JSON API shows them ({@code /api/coordination/cities}). */
public final class CoordinationApiConverter {
  private CoordinationApiConverter() {}

  public static JsonObject cities(String group, List<MemberCity> members) {
    JsonArray items = new JsonArray();
    for (MemberCity m : members) {
      items.add(new JsonObject()
          .put("name", m.name())
          .put("displayName", m.displayName())
          .put("handle", m.handle())
          .put("url", m.url())
          .put("actor", m.actorId())
          .put("how", m.how().id())
          .put("since", m.since() == null ? null : m.since().toString()));
    }
    return new JsonObject().put("coordination", group).put("totalItems", members.size()).put("items", items);
  }
}
