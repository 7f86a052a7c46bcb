package org.coordo.server.data.group;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;
import org.coordo.server.domain.group.BoardPost;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.storage.Codec;

/** The JSON value codecs of the working-group keyspaces. */
final class GroupCodecs {
  private GroupCodecs() {}

  static final Codec<WorkingGroup> GROUP = json(
      g -> new JsonObject().put("collective", g.collective()).put("name", g.name())
          .put("displayName", g.displayName()).put("purpose", g.purpose()).put("purposeHtml", g.purposeHtml())
          .put("joinPolicy", g.joinPolicy().id()).put("actorName", g.actorName())
          .put("created", g.created().toEpochMilli()),
      j -> new WorkingGroup(j.getString("collective"), j.getString("name"), j.getString("displayName"),
          j.getString("purpose"), j.getString("purposeHtml"),
          WorkingGroup.JoinPolicy.parse(j.getString("joinPolicy")).orElse(WorkingGroup.JoinPolicy.BY_REQUEST),
          j.getString("actorName"), instant(j, "created")));

  static final Codec<GroupMembership> MEMBERSHIP = json(
      m -> new JsonObject().put("collective", m.collective()).put("group", m.group()).put("userId", m.userId())
          .put("username", m.username()).put("standing", m.standing().id()).put("since", m.since().toEpochMilli()),
      j -> new GroupMembership(j.getString("collective"), j.getString("group"), j.getString("userId"),
          j.getString("username"), GroupMembership.Standing.parse(j.getString("standing")).orElseThrow(),
          instant(j, "since")));

  static final Codec<Meeting> MEETING = json(
      m -> new JsonObject().put("id", m.id()).put("collective", m.collective()).put("group", m.group())
          .put("start", m.start().toEpochMilli()).put("end", m.end() == null ? null : m.end().toEpochMilli())
          .put("zone", m.zone().getId()).put("place", m.place()).put("onlineUrl", m.onlineUrl())
          .put("agenda", m.agenda()).put("open", m.open()).put("cancelled", m.cancelled())
          .put("sequence", m.sequence()).put("created", m.created().toEpochMilli())
          .put("updated", m.updated() == null ? null : m.updated().toEpochMilli()),
      j -> new Meeting(j.getString("id"), j.getString("collective"), j.getString("group"), instant(j, "start"),
          instant(j, "end"), ZoneId.of(j.getString("zone")), j.getString("place"), j.getString("onlineUrl"),
          j.getString("agenda"), j.getBoolean("open", false), j.getBoolean("cancelled", false),
          j.getInteger("sequence", 0), instant(j, "created"), instant(j, "updated")));

  static final Codec<BoardPost> POST = json(
      p -> new JsonObject().put("id", p.id()).put("collective", p.collective()).put("group", p.group())
          .put("author", p.author()).put("text", p.text()).put("html", p.html())
          .put("created", p.created().toEpochMilli()),
      j -> new BoardPost(j.getString("id"), j.getString("collective"), j.getString("group"), j.getString("author"),
          j.getString("text"), j.getString("html"), instant(j, "created")));

  private static Instant instant(JsonObject j, String field) {
    Long v = j.getLong(field);
    return v == null ? null : Instant.ofEpochMilli(v);
  }

  private static <T> Codec<T> json(Function<T, JsonObject> to, Function<JsonObject, T> from) {
    return new Codec<>() {
      @Override
      public byte[] encode(T value) {
        return to.apply(value).toBuffer().getBytes();
      }

      @Override
      public T decode(byte[] bytes) {
        return from.apply(new JsonObject(Buffer.buffer(bytes)));
      }
    };
  }
}
