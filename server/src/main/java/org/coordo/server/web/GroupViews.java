package org.coordo.server.web;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.coordo.server.domain.group.BoardPost;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.text.SafeUrls;

/** What the working-group pages show, formatted for the reader's language. */
public final class GroupViews {
  private GroupViews() {}

  /** A group in the collective's list, with where the reader stands ("none", "member", "pilot", "requested"). */
  public record Row(String name, String displayName, boolean open, boolean isPublic, String standing, int people) {}

  /** A meeting: when (in its zone, in words), where, the agenda's lines. */
  public record MeetingRow(String id, String date, String time, String zone, String place, String onlineUrl,
      List<String> agenda, boolean cancelled, boolean isPublic) {}

  /** A board post. */
  public record PostRow(String author, String date, String html) {}

  /** The inside of a group as one person sees it. */
  public record Inside(String collective, String collectiveName, WorkingGroup group, String standing,
      boolean member, boolean pilot, boolean editor, List<MeetingRow> meetings, List<PostRow> posts,
      List<GroupMembership> people, List<GroupMembership> requests, String handle) {

    public String path() {
      return "/espace/" + collective + "/groups/" + group.name();
    }
  }

  /** A public group's page. */
  public record Public(WorkingGroup group, String collectiveName, String handle, String actor,
      List<MeetingRow> meetings) {}

  static MeetingRow meeting(Meeting m, Locale locale) {
    ZonedDateTime start = m.start().atZone(m.zone());
    String time = start.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
    if (m.end() != null) {
      time += " – " + m.end().atZone(m.zone()).format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
    }
    return new MeetingRow(m.id(), start.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)),
        time, m.zone().getId(), m.place(), m.onlineUrl() == null ? null : SafeUrls.http(m.onlineUrl()).orElse(null),
        m.agenda().isBlank() ? List.of() : List.of(m.agenda().split("\n")), m.cancelled(), m.open());
  }

  static PostRow post(BoardPost p, Locale locale) {
    return new PostRow(p.author(), p.created().atZone(org.coordo.server.domain.NodeTime.DEFAULT_ZONE)
        .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)), p.html());
  }
}
