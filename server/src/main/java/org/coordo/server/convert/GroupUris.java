package org.coordo.server.convert;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.federation.Uris;

/**
 * The URLs of working groups on this node:
 *
 * <pre>
 * /collectives/{collective}/groups/{group}                  a public group's page
 * /collectives/{collective}/groups/{group}/meetings/{id}    a public meeting (AS Event or the page)
 * /actors/{collective}.{group}                              a public group's Group actor
 * /espace/{collective}/groups/{group}                       the group inside the members' space
 * </pre>
 */
public final class GroupUris {
  private static final Pattern MEETING =
      Pattern.compile("^/collectives/([a-z0-9_][a-z0-9_.-]{0,63})/groups/([a-z0-9][a-z0-9-]{0,29})/meetings/([A-Za-z0-9_-]{1,64})$");

  private final Uris uris;

  public GroupUris(Uris uris) {
    this.uris = uris;
  }

  public Uris protocol() {
    return uris;
  }

  /** The path template of a meeting, for the object dispatcher. */
  public static final String MEETING_PATH = "/collectives/{collective}/groups/{group}/meetings/{id}";

  /** The actor name a public group gets: its collective's name, a dot, its own name. */
  public static String actorName(String collective, String group) {
    return collective + "." + group;
  }

  public URI page(String collective, String group) {
    return URI.create(uris.base() + "/collectives/" + collective + "/groups/" + group);
  }

  public URI meeting(String collective, String group, String id) {
    return URI.create(page(collective, group) + "/meetings/" + id);
  }

  /** The meeting URI of path parameters read from a request; empty when any of them cannot name one. */
  public Optional<URI> meetingOf(String collective, String group, String id) {
    String path = "/collectives/" + collective + "/groups/" + group + "/meetings/" + id;
    return MEETING.matcher(path).matches() ? Optional.of(meeting(collective, group, id)) : Optional.empty();
  }

  public static String spacePath(String collective, String group) {
    return "/espace/" + collective + "/groups/" + group;
  }

  public URI actor(String actorName) {
    return uris.actor(actorName);
  }

  public URI followers(String actorName) {
    return uris.followers(actorName);
  }

  /** The (collective, group, meeting id) a meeting id of this node names, if it is one. */
  public Optional<String[]> parseMeeting(URI id) {
    if (!uris.isLocal(id) || id.getRawPath() == null) {
      return Optional.empty();
    }
    Matcher m = MEETING.matcher(id.getRawPath());
    return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2), m.group(3)}) : Optional.empty();
  }
}
