package org.coordo.server.service.group;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coordo.federation.ActorDirectory;
import org.coordo.federation.ActorType;
import org.coordo.federation.FederationException;
import org.coordo.federation.LocalActor;
import org.coordo.federation.Uris;
import org.coordo.server.auth.Principal;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.data.group.GroupData;
import org.coordo.server.domain.account.User;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.GroupMembership.Standing;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.error.NodeError;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.text.TextWork;
import org.coordo.storage.KvStore;

/**
 * Working groups and their people: creation by an editor with its first pilots, joining (at once
 * when open, a request otherwise), pilots' decisions, settings, and making a group public (its
 * {@code Group} actor, through federation's {@link ActorDirectory}). Every operation takes the
 * {@link Granted} of {@link #authorize} and re-checks the role it needs ({@link GroupAccess}).
 */
public final class WorkingGroupService {

  /** A new group: its slug, texts, join policy and first pilots (user names, members of the collective). */
  public record NewGroup(String name, String displayName, String purpose, WorkingGroup.JoinPolicy joinPolicy,
      List<String> pilots) {}

  /** What may change on a group; null fields stay as they are. */
  public record GroupChanges(String displayName, String purpose, WorkingGroup.JoinPolicy joinPolicy) {}

  /** A group as its collective's members see it in the list. */
  public record GroupSummary(WorkingGroup group, Optional<GroupMembership> mine, int people) {}

  private final StoreCalls storage;
  private final GroupData data;
  private final AccountData accounts;
  private final ActorDirectory actors;
  private final PublicGroups publicGroups;
  private final MarkdownRenderer markdown;
  private final TextWork text;
  private final Clock clock;

  public WorkingGroupService(StoreCalls storage, KvStore store, ActorDirectory actors, PublicGroups publicGroups,
      MarkdownRenderer markdown, TextWork text, Clock clock) {
    this.storage = storage;
    this.data = new GroupData(store);
    this.accounts = new AccountData(store);
    this.actors = actors;
    this.publicGroups = publicGroups;
    this.markdown = markdown;
    this.text = text;
    this.clock = clock;
  }

  GroupData data() {
    return data;
  }

  StoreCalls storage() {
    return storage;
  }

  /**
   * Checks that {@code who} holds {@code role} for {@code group} of {@code collective} (null group:
   * the collective's list or a creation): 404 to a stranger or for a group that does not exist, 403
   * to a member of the collective without the role ({@link GroupAccess}).
   */
  public Future<Granted> authorize(Optional<Principal> who, String collective, String group, GroupRole role) {
    if (who.isEmpty() || !who.get().isMemberOf(collective)) {
      return Future.failedFuture(GroupAccess.notFound());
    }
    return storage.call(store -> {
      if (!accounts.collectives().exists(collective)) {
        throw GroupAccess.notFound();
      }
      WorkingGroup g = null;
      Optional<GroupMembership> mine = Optional.empty();
      if (group != null) {
        g = data.findGroup(collective, group).orElseThrow(GroupAccess::notFound);
        mine = data.findMember(collective, group, who.get().userId());
      }
      return new Granted(who.get(), collective, g, mine).require(role);
    });
  }

  /** The groups of the collective, with where the asker stands in each. */
  public Future<List<GroupSummary>> list(Granted granted) {
    if (!granted.has(GroupRole.COLLECTIVE_MEMBER)) {
      return granted.refusal(GroupRole.COLLECTIVE_MEMBER);
    }
    return storage.call(store -> data.groups(granted.collective()).stream().map(g -> {
      List<GroupMembership> people = data.members(g.collective(), g.name());
      Optional<GroupMembership> mine = people.stream().filter(m -> m.userId().equals(granted.who().userId())).findFirst();
      int in = (int) people.stream().filter(m -> m.standing().isIn()).count();
      return new GroupSummary(g, mine, in);
    }).toList());
  }

  /** Creates a group with its first pilots (editors and admins). 422 for bad input or a taken name. */
  public Future<WorkingGroup> create(Granted granted, NewGroup input) {
    if (!granted.has(GroupRole.COLLECTIVE_EDITOR)) {
      return granted.refusal(GroupRole.COLLECTIVE_EDITOR);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    GroupRules.checkName(errors, input.name());
    GroupRules.checkTexts(errors, input.displayName(), input.purpose());
    Set<String> pilots = new LinkedHashSet<>();
    for (String p : input.pilots() == null ? List.<String>of() : input.pilots()) {
      if (p != null && !p.isBlank()) {
        pilots.add(p.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (pilots.isEmpty()) {
      errors.put("pilots", "name at least one pilot");
    } else if (pilots.size() > GroupRules.MAX_PILOTS_AT_CREATION) {
      errors.put("pilots", "at most " + GroupRules.MAX_PILOTS_AT_CREATION);
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    String source = input.purpose() == null ? "" : input.purpose().strip();
    String collective = granted.collective();
    return text.run(() -> markdown.toHtml(source)).compose(html -> storage.call(store -> data.locked(() -> {
      if (data.findGroup(collective, input.name()).isPresent()) {
        throw NodeError.invalid("name", "already taken in this collective");
      }
      List<User> users = new ArrayList<>();
      for (String p : pilots) {
        Optional<User> u = accounts.users().findByUsername(p);
        if (u.isEmpty() || accounts.memberships().find(collective, u.get().id()).isEmpty()) {
          throw NodeError.invalid("pilots", p + " is not a member of this collective");
        }
        users.add(u.get());
      }
      Instant now = now();
      WorkingGroup g = new WorkingGroup(collective, input.name(),
          input.displayName() == null ? null : input.displayName().strip(), source, html,
          input.joinPolicy() == null ? WorkingGroup.JoinPolicy.BY_REQUEST : input.joinPolicy(), null, now);
      data.write(batch -> {
        data.putGroup(batch, g);
        users.forEach(u -> data.putMember(batch,
            new GroupMembership(collective, g.name(), u.id(), u.username(), Standing.PILOT, now)));
      });
      return g;
    })));
  }

  /** Pilots, members and (for pilots) requests of the group. */
  public Future<List<GroupMembership>> people(Granted granted) {
    if (!granted.has(GroupRole.GROUP_MEMBER)) {
      return granted.refusal(GroupRole.GROUP_MEMBER);
    }
    boolean pilot = granted.has(GroupRole.GROUP_PILOT);
    return storage.call(store -> data.members(granted.collective(), granted.group().name()).stream()
        .filter(m -> pilot || m.standing().isIn()).toList());
  }

  /** The asker joins (open group) or asks to join (by request); nothing changes for someone already in or asking. */
  public Future<GroupMembership> join(Granted granted) {
    if (!granted.has(GroupRole.COLLECTIVE_MEMBER)) {
      return granted.refusal(GroupRole.COLLECTIVE_MEMBER);
    }
    WorkingGroup g = granted.group();
    Principal who = granted.who();
    return storage.call(store -> data.locked(() -> {
      Optional<GroupMembership> current = data.findMember(g.collective(), g.name(), who.userId());
      if (current.isPresent()) {
        return current.get();
      }
      Standing standing = g.joinPolicy() == WorkingGroup.JoinPolicy.OPEN ? Standing.MEMBER : Standing.REQUESTED;
      GroupMembership m = new GroupMembership(g.collective(), g.name(), who.userId(), who.username(), standing, now());
      data.write(batch -> data.putMember(batch, m));
      return m;
    }));
  }

  /**
   * A pilot accepts a request, adds a member of the collective, or names a pilot ({@code standing}
   * member or pilot); a pilot made member again is refused if they are the last one (409).
   */
  public Future<GroupMembership> setStanding(Granted granted, String username, Standing standing) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    if (standing == null || standing == Standing.REQUESTED) {
      return Future.failedFuture(NodeError.invalid("standing", "use member or pilot"));
    }
    WorkingGroup g = granted.group();
    return storage.call(store -> data.locked(() -> {
      User user = collectiveMember(g.collective(), username);
      Optional<GroupMembership> current = data.findMember(g.collective(), g.name(), user.id());
      if (standing == Standing.MEMBER && current.map(m -> m.standing() == Standing.PILOT).orElse(false)) {
        requireAnotherPilot(g, user.id());
      }
      GroupMembership m = current.map(c -> c.as(standing, now()))
          .orElseGet(() -> new GroupMembership(g.collective(), g.name(), user.id(), user.username(), standing, now()));
      data.write(batch -> data.putMember(batch, m));
      return m;
    }));
  }

  /** A pilot declines a request or removes someone; 404 if they were not there, 409 for the last pilot. */
  public Future<Void> remove(Granted granted, String username) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    return removeUser(granted.group(), username);
  }

  /** The asker leaves the group (or withdraws a request); 409 for the last pilot. */
  public Future<Void> leave(Granted granted) {
    if (!granted.has(GroupRole.COLLECTIVE_MEMBER)) {
      return granted.refusal(GroupRole.COLLECTIVE_MEMBER);
    }
    return removeUser(granted.group(), granted.who().username());
  }

  private Future<Void> removeUser(WorkingGroup g, String username) {
    return storage.call(store -> data.locked(() -> {
      User user = accounts.users().findByUsername(username == null ? "" : username)
          .orElseThrow(() -> NodeError.missing(username + " is not in this group"));
      GroupMembership m = data.findMember(g.collective(), g.name(), user.id())
          .orElseThrow(() -> NodeError.missing(username + " is not in this group"));
      if (m.standing() == Standing.PILOT) {
        requireAnotherPilot(g, user.id());
      }
      data.write(batch -> data.deleteMember(batch, g.collective(), g.name(), user.id()));
      return null;
    }));
  }

  /** A pilot changes the display name, purpose or join policy (also on the actor of a public group). */
  public Future<WorkingGroup> update(Granted granted, GroupChanges changes) {
    if (!granted.has(GroupRole.GROUP_PILOT)) {
      return granted.refusal(GroupRole.GROUP_PILOT);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    GroupRules.checkTexts(errors, changes.displayName(), changes.purpose());
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    WorkingGroup before = granted.group();
    String source = changes.purpose() == null ? before.purpose() : changes.purpose().strip();
    Future<String> html = changes.purpose() == null ? Future.succeededFuture(before.purposeHtml())
        : text.run(() -> markdown.toHtml(source));
    return html.compose(h -> storage.call(store -> data.locked(() -> {
      WorkingGroup current = data.findGroup(before.collective(), before.name()).orElseThrow(GroupAccess::notFound);
      WorkingGroup changed = current.with(
          changes.displayName() == null || changes.displayName().isBlank() ? current.displayName()
              : changes.displayName().strip(),
          source, h, changes.joinPolicy() == null ? current.joinPolicy() : changes.joinPolicy());
      data.write(batch -> data.putGroup(batch, changed));
      return changed;
    }))).compose(changed -> changed.isPublic()
        ? actors.update(changed.actorName(), changed.displayName(), changed.purposeHtml(), null, false)
            .map(changed)
        : Future.succeededFuture(changed)).onSuccess(publicGroups::put);
  }

  /**
   * Makes the group public (editors and admins: it then speaks for the collective in public): it gets
   * its {@code Group} actor, followable without approval, and a public page. Idempotent. There is no
   * way back: what it announced has left the node.
   */
  public Future<WorkingGroup> makePublic(Granted granted) {
    if (!granted.has(GroupRole.COLLECTIVE_EDITOR)) {
      return granted.refusal(GroupRole.COLLECTIVE_EDITOR);
    }
    WorkingGroup g = granted.group();
    if (g.isPublic()) {
      return Future.succeededFuture(g);
    }
    String name = GroupUris.actorName(g.collective(), g.name());
    if (!Uris.isValidActorName(name)) {
      return Future.failedFuture(NodeError.invalid("name",
          "collective and group names together are too long for a public actor (64 characters at most)"));
    }
    return storage.call(store -> accounts.users().usernameTaken(name) || accounts.collectives().exists(name))
        .compose(claimed -> claimed ? Future.failedFuture(taken()) : actors.find(name))
        .compose(found -> found.isEmpty()
            ? actors.create(name, ActorType.Group, g.displayName(), g.purposeHtml(), false)
                .recover(e -> Future.failedFuture(e instanceof FederationException fe && fe.status() == 409 ? taken() : e))
            : adopt(found.get(), g))
        .compose(actor -> storage.call(store -> data.locked(() -> {
          WorkingGroup current = data.findGroup(g.collective(), g.name()).orElseThrow(GroupAccess::notFound);
          WorkingGroup made = current.isPublic() ? current : current.madePublic(actor.name());
          data.write(batch -> data.putGroup(batch, made));
          return made;
        })))
        .onSuccess(publicGroups::put);
  }

  /** An actor left by a crash between the actor's write and the group's: adopted if it is a Group. */
  private Future<LocalActor> adopt(LocalActor existing, WorkingGroup g) {
    if (existing.type() != ActorType.Group) {
      return Future.failedFuture(taken());
    }
    return storage.call(store -> data.publicGroups().stream().anyMatch(o -> existing.name().equals(o.actorName())))
        .compose(claimed -> claimed ? Future.failedFuture(taken())
            : actors.update(existing.name(), g.displayName(), g.purposeHtml(), null, false));
  }

  private static NodeError taken() {
    return NodeError.invalid("name", "the public name of this group is already taken on this node");
  }

  private User collectiveMember(String collective, String username) {
    User user = accounts.users().findByUsername(username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT))
        .orElseThrow(() -> NodeError.invalid("username", "no such member of this collective"));
    if (accounts.memberships().find(collective, user.id()).isEmpty()) {
      throw NodeError.invalid("username", "no such member of this collective");
    }
    return user;
  }

  private void requireAnotherPilot(WorkingGroup g, String userId) {
    boolean another = data.members(g.collective(), g.name()).stream()
        .anyMatch(m -> m.standing() == Standing.PILOT && !m.userId().equals(userId));
    if (!another) {
      throw NodeError.conflict("A working group keeps at least one pilot: name another pilot first.");
    }
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
