package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.group.BoardPost;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.MemberMeeting;
import org.coordo.server.domain.group.WorkingGroup;

/** Working groups, their people, meetings and posts as the JSON API writes them. */
public final class GroupApiConverter {
  private final GroupUris uris;

  public GroupApiConverter(GroupUris uris) {
    this.uris = uris;
  }

  public JsonObject group(WorkingGroup g) {
    JsonObject j = new JsonObject()
        .put("collective", g.collective())
        .put("name", g.name())
        .put("displayName", g.displayName())
        .put("purpose", g.purpose())
        .put("purposeHtml", g.purposeHtml())
        .put("joinPolicy", g.joinPolicy().id())
        .put("public", g.isPublic())
        .put("created", XsdDateTime.format(g.created()));
    if (g.isPublic()) {
      j.put("actor", uris.actor(g.actorName()).toString()).put("page", uris.page(g.collective(), g.name()).toString());
    }
    return j;
  }

  /** {@code standing} of the asker: pilot, member, requested, or none. */
  public JsonObject summary(WorkingGroup g, GroupMembership mine, int people) {
    return group(g).put("standing", mine == null ? "none" : mine.standing().id()).put("people", people);
  }

  public JsonObject membership(GroupMembership m) {
    return new JsonObject().put("username", m.username()).put("standing", m.standing().id())
        .put("since", XsdDateTime.format(m.since()));
  }

  public JsonObject meeting(Meeting m) {
    JsonObject j = new JsonObject()
        .put("id", m.id())
        .put("start", XsdDateTime.format(m.start(), m.zone()))
        .put("timezone", m.zone().getId())
        .put("place", m.place())
        .put("onlineUrl", m.onlineUrl())
        .put("agenda", m.agenda())
        .put("public", m.open())
        .put("cancelled", m.cancelled())
        .put("sequence", m.sequence());
    if (m.end() != null) {
      j.put("end", XsdDateTime.format(m.end(), m.zone()));
    }
    return j;
  }

  public JsonObject memberMeeting(MemberMeeting mm) {
    return meeting(mm.meeting()).put("uid", mm.uid().toString()).put("name", mm.name())
        .put("collective", mm.group().collective()).put("group", mm.group().name())
        .put("url", mm.url() == null ? null : mm.url().toString());
  }

  public JsonObject post(BoardPost p) {
    return new JsonObject().put("id", p.id()).put("author", p.author()).put("text", p.text()).put("html", p.html())
        .put("created", XsdDateTime.format(p.created()));
  }

  public static <T> JsonObject list(String field, List<T> items, Function<T, JsonObject> each) {
    return new JsonObject().put(field, new JsonArray(items.stream().map(each).toList()));
  }
}
