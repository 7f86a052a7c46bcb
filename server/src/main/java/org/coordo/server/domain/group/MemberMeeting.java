package org.coordo.server.domain.group;

import java.net.URI;
import java.util.Objects;

/**
 * One upcoming meeting of one of a person's working groups, with what a calendar event needs: a
 * stable {@code uid} (the meeting's URI; the {@code UID}, kept across changes), the page to open
 * ({@code url}, in the members' space), {@code meeting.start()/end()/zone()}, a name ({@link
 * #name()}), the agenda as description, the place or link as location, {@code meeting.cancelled()} as
 * status, {@code meeting.sequence()} and {@code meeting.created()/updated()}, and the group as organiser.
 */
public record MemberMeeting(WorkingGroup group, Meeting meeting, URI uid, URI url) {

  public MemberMeeting {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(meeting, "meeting");
    Objects.requireNonNull(uid, "uid");
  }

  /** "{group} · {agenda's first line}", or the group's name alone. */
  public String name() {
    String title = meeting.title();
    return title.isEmpty() ? group.displayName() : group.displayName() + " · " + title;
  }

  /** The place, else the online link, else null. */
  public String location() {
    return meeting.place() != null ? meeting.place() : meeting.onlineUrl();
  }
}
