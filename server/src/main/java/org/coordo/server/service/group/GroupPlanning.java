package org.coordo.server.service.group;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.convert.MeetingAsConverter;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.data.group.GroupData;
import org.coordo.server.domain.group.BoardPost;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.MemberMeeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.error.NodeError;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.text.TextWork;
import org.coordo.storage.KvBatch;

/**
 * A working group's planning and notice board. A public meeting of a public group is announced by
 * the group's actor ({@code Create}, then {@code Update} on a change or a cancellation), written in
 * the same batch as the meeting; everything else stays inside the group and never reaches federation.
 */
public final class GroupPlanning {

  /** Publishes activities of a local actor with records written in the same batch (federation's {@code publishAll}). */
  @FunctionalInterface
  public interface Announcer {
    Future<List<URI>> publishAll(String actor, List<JsonObject> activities, Consumer<KvBatch> alsoWrite);
  }

  /** A public group as its public page shows it. */
  public record PublicView(WorkingGroup group, List<Meeting> upcoming) {}

  /** How long after its start a meeting without an end still counts as upcoming. */
  static final Duration DEFAULT_LENGTH = Duration.ofHours(2);
  /** Board posts a listing shows. */
  public static final int BOARD_PAGE = 50;

  private final WorkingGroupService groups;
  private final GroupData data;
  private final AccountData accounts;
  private final Announcer announcer;
  private final MeetingAsConverter as;
  private final MarkdownRenderer markdown;
  private final TextWork text;
  private final Supplier<String> ids;

  public GroupPlanning(WorkingGroupService groups, AccountData accounts, Announcer announcer, MeetingAsConverter as,
      MarkdownRenderer markdown, TextWork text, Supplier<String> ids) {
    this.groups = groups;
    this.data = groups.data();
    this.accounts = accounts;
    this.announcer = announcer;
    this.as = as;
    this.markdown = markdown;
    this.text = text;
    this.ids = ids;
  }

  public GroupUris uris() {
    return as.uris();
  }

  /** A pilot schedules a meeting. 422 for bad input; announced when public in a public group. */
  public Future<Meeting> schedule(Granted granted, MeetingInput input) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    WorkingGroup g = granted.group();
    Future<MeetingInput.Checked> checked = check(input);
    return checked.compose(c -> groups.storage().call(store -> data.meetingCount(g.collective(), g.name())))
        .compose(count -> {
          if (count >= GroupData.MAX_LIST) {
            return Future.failedFuture(NodeError.invalid("start", "this group's planning is full"));
          }
          MeetingInput.Checked c = checked.result();
          Instant now = groups.now();
          Meeting m = new Meeting(ids.get(), g.collective(), g.name(), c.start(), c.end(), c.zone(), c.place(),
              c.onlineUrl(), c.agenda(), c.open(), false, 0, now, null);
          return save(g, m, announced(g, m) ? "Create" : null);
        });
  }

  /** A pilot changes a meeting; a public meeting cannot become internal again (409: it has left the node). */
  public Future<Meeting> edit(Granted granted, String id, MeetingInput input) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    WorkingGroup g = granted.group();
    Future<MeetingInput.Checked> checked = check(input);
    return checked.compose(c -> requireMeeting(g, id)).compose(before -> {
      MeetingInput.Checked c = checked.result();
      if (before.cancelled()) {
        return Future.failedFuture(NodeError.conflict("This meeting was cancelled; schedule a new one."));
      }
      if (before.open() && !c.open() && g.isPublic()) {
        return Future.failedFuture(NodeError.conflict(
            "This meeting was announced publicly and has left the node: it cannot become internal again."));
      }
      Meeting after = new Meeting(before.id(), g.collective(), g.name(), c.start(), c.end(), c.zone(), c.place(),
          c.onlineUrl(), c.agenda(), c.open() || (before.open() && g.isPublic()), false, before.sequence() + 1,
          before.created(), groups.now());
      String type = !announced(g, after) ? null : announced(g, before) ? "Update" : "Create";
      return save(g, after, type);
    });
  }

  /** A pilot cancels a meeting (kept, marked cancelled; followers told when it was public). */
  public Future<Meeting> cancel(Granted granted, String id) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    WorkingGroup g = granted.group();
    return requireMeeting(g, id).compose(before -> before.cancelled() ? Future.succeededFuture(before)
        : save(g, before.cancel(groups.now()), announced(g, before) ? "Update" : null));
  }

  /** The group's meetings that have not ended yet, soonest first (members and pilots). */
  public Future<List<Meeting>> planning(Granted granted) {
    if (!granted.has(GroupRole.GROUP_MEMBER)) {
      return granted.refusal(GroupRole.GROUP_MEMBER);
    }
    WorkingGroup g = granted.group();
    Instant now = groups.now();
    return groups.storage().call(store -> upcoming(g, now, false));
  }

  /** A pilot posts on the board (Markdown, rendered and sanitised on the text pool). */
  public Future<BoardPost> post(Granted granted, String markdownText) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    GroupRules.checkPost(errors, markdownText);
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    WorkingGroup g = granted.group();
    String source = markdownText.strip();
    return text.run(() -> markdown.toHtml(source)).compose(html -> groups.storage().call(store -> {
      BoardPost p = new BoardPost(ids.get(), g.collective(), g.name(), granted.who().username(), source, html,
          groups.now());
      data.write(batch -> data.putPost(batch, p));
      return p;
    }));
  }

  /** The newest posts of the board, newest first (members and pilots). */
  public Future<List<BoardPost>> board(Granted granted) {
    if (!granted.has(GroupRole.GROUP_MEMBER)) {
      return granted.refusal(GroupRole.GROUP_MEMBER);
    }
    WorkingGroup g = granted.group();
    return groups.storage().call(store -> data.posts(g.collective(), g.name(), BOARD_PAGE));
  }

  /**
   * A person's upcoming meetings across every group they are a member or pilot of (in collectives they
   * still belong to), soonest first, cancelled ones included (a calendar shows them cancelled): the
   * source of their private calendar feed.
   */
  public Future<List<MemberMeeting>> upcomingMeetingsOf(String userId) {
    Instant now = groups.now();
    return groups.storage().call(store -> {
      List<MemberMeeting> out = new ArrayList<>();
      for (String[] entry : data.groupsOf(userId)) {
        boolean in = GroupMembership.Standing.parse(entry[2]).map(GroupMembership.Standing::isIn).orElse(false);
        if (!in || accounts.memberships().find(entry[0], userId).isEmpty()) {
          continue;
        }
        data.findGroup(entry[0], entry[1]).ifPresent(g -> upcoming(g, now, true).forEach(m -> out.add(
            new MemberMeeting(g, m, uris().meeting(g.collective(), g.name(), m.id()),
                URI.create(uris().protocol().base() + GroupUris.spacePath(g.collective(), g.name()))))));
      }
      out.sort(Comparator.comparing((MemberMeeting mm) -> mm.meeting().start()));
      return out;
    });
  }

  /** A public group and its upcoming public meetings; empty for an internal or unknown group (anyone may ask). */
  public Future<Optional<PublicView>> publicView(String collective, String group) {
    Instant now = groups.now();
    return groups.storage().call(store -> data.findGroup(collective, group).filter(WorkingGroup::isPublic)
        .map(g -> new PublicView(g, upcoming(g, now, true).stream().filter(Meeting::open).toList())));
  }

  /** A public meeting of a public group by its id, as an ActivityStreams Event; empty otherwise. */
  public Future<Optional<JsonObject>> publicMeeting(URI id) {
    Optional<String[]> parts = uris().parseMeeting(id);
    if (parts.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String[] p = parts.get();
    return groups.storage().call(store -> data.findGroup(p[0], p[1]).filter(WorkingGroup::isPublic)
        .flatMap(g -> data.findMeeting(p[0], p[1], p[2]).filter(Meeting::open).map(m -> as.toEvent(g, m))));
  }

  private List<Meeting> upcoming(WorkingGroup g, Instant now, boolean withCancelled) {
    return data.meetings(g.collective(), g.name()).stream()
        .filter(m -> withCancelled || !m.cancelled())
        .filter(m -> !(m.end() != null ? m.end() : m.start().plus(DEFAULT_LENGTH)).isBefore(now))
        .sorted(Comparator.comparing(Meeting::start)).toList();
  }

  private static boolean announced(WorkingGroup g, Meeting m) {
    return g.isPublic() && m.open();
  }

  private Future<MeetingInput.Checked> check(MeetingInput input) {
    try {
      return Future.succeededFuture(input.check());
    } catch (NodeError e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Meeting> requireMeeting(WorkingGroup g, String id) {
    return groups.storage().call(store -> data.findMeeting(g.collective(), g.name(), id == null ? "" : id)
        .orElseThrow(() -> NodeError.missing("no such meeting")));
  }

  /** Writes the meeting; with its activity and delivery jobs in the same batch when {@code activity} is set. */
  private Future<Meeting> save(WorkingGroup g, Meeting m, String activity) {
    if (activity == null) {
      return groups.storage().call(store -> {
        data.write(batch -> data.putMeeting(batch, m));
        return m;
      });
    }
    JsonObject act = as.activity(uris().protocol().activity(ids.get()), activity, g, m);
    return announcer.publishAll(g.actorName(), List.of(act), batch -> data.putMeeting(batch, m)).map(m);
  }
}
