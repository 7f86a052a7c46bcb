package org.coordo.server.service.account;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.ActorDirectory;
import org.coordo.server.auth.Role;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.domain.account.Collective;
import org.coordo.server.domain.account.Membership;
import org.coordo.server.domain.account.User;
import org.coordo.server.error.NodeError;

/**
 * Collectives (each with its {@code Group} actor) and their memberships. Authorisation is the
 * caller's job (the API checks the principal; the command line runs as the node's owner).
 */
public final class CollectiveService {

  /** A collective with the settings that live on its actor. */
  public record CollectiveView(Collective collective, boolean manuallyApprovesFollowers) {}

  /** What may change on a collective; null fields stay as they are. */
  public record CollectiveChanges(String displayName, String description, Boolean manuallyApprovesFollowers,
      Boolean publishesAsCollective) {
    public CollectiveChanges(String displayName, String description, Boolean manuallyApprovesFollowers) {
      this(displayName, description, manuallyApprovesFollowers, null);
    }
  }

  private final AccountStore store;
  private final ActorBinder binder;
  private final ActorDirectory actors;
  private final UnaryOperator<String> markdownToHtml;
  private final Clock clock;

  CollectiveService(
      AccountStore store, ActorBinder binder, ActorDirectory actors, UnaryOperator<String> markdownToHtml, Clock clock) {
    this.store = store;
    this.binder = binder;
    this.actors = actors;
    this.markdownToHtml = markdownToHtml;
    this.clock = clock;
  }

  /** Creates the collective and its Group actor. 422 for bad input or a taken name. */
  public Future<CollectiveView> create(
      String name, String displayName, String description, boolean manuallyApprovesFollowers) {
    Map<String, String> errors = new LinkedHashMap<>();
    AccountRules.checkName(errors, "name", name);
    AccountRules.checkDisplayName(errors, "displayName", displayName);
    AccountRules.checkDescription(errors, "description", description);
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    String shownName = AccountRules.displayNameOr(displayName, name);
    String source = description == null ? "" : description.strip();
    // rendered on a worker, never on the event loop (the source's nesting is bounded by checkDescription)
    return store.call(data -> markdownToHtml.apply(source)).compose(html -> store.call(data -> nameTaken(data, name))
        .compose(taken -> taken
            ? Future.failedFuture(ActorBinder.taken("name"))
            : binder.bind("name", name, ActorType.Group, shownName, html, manuallyApprovesFollowers))
        .compose(actor -> store.call(data -> data.locked(() -> {
          if (nameTaken(data, name)) {
            throw ActorBinder.taken("name");
          }
          Collective collective = new Collective(name, shownName, source, html, now());
          data.write(batch -> data.collectives().put(batch, collective));
          return new CollectiveView(collective, actor.manuallyApprovesFollowers());
        }))));
  }

  /** Changes display name, description or follower approval (on the record and on the actor). */
  public Future<CollectiveView> update(String name, CollectiveChanges changes) {
    Map<String, String> errors = new LinkedHashMap<>();
    AccountRules.checkDisplayName(errors, "displayName", changes.displayName());
    AccountRules.checkDescription(errors, "description", changes.description());
    if (!errors.isEmpty()) {
      return Future.failedFuture(NodeError.invalid(errors));
    }
    return store.call(data -> data.locked(() -> {
          Collective current = requireCollective(data, name);
          String shownName = changes.displayName() == null ? current.displayName() : changes.displayName().strip();
          String source = changes.description() == null ? current.description() : changes.description().strip();
          String html = changes.description() == null ? current.descriptionHtml() : markdownToHtml.apply(source);
          Collective changed = new Collective(name, shownName, source, html, current.created(),
              changes.publishesAsCollective() == null ? current.publishesAsCollective() : changes.publishesAsCollective());
          data.write(batch -> data.collectives().put(batch, changed));
          return changed;
        }))
        .compose(changed -> actors.require(name).compose(actor -> actors.update(
                name, changed.displayName(), changed.descriptionHtml(), actor.iconUrl(),
                changes.manuallyApprovesFollowers() == null
                    ? actor.manuallyApprovesFollowers()
                    : changes.manuallyApprovesFollowers()))
            .map(actor -> new CollectiveView(changed, actor.manuallyApprovesFollowers())));
  }

  public Future<Optional<CollectiveView>> find(String name) {
    return store.call(data -> data.collectives().find(name))
        .compose(found -> found.isEmpty()
            ? Future.succeededFuture(Optional.<CollectiveView>empty())
            : withActor(found.get()).map(Optional::of));
  }

  public Future<CollectiveView> require(String name) {
    return find(name).map(found -> found.orElseThrow(() -> noSuchCollective(name)));
  }

  /** Every collective, in name order. */
  public Future<List<CollectiveView>> list() {
    return store.call(data -> data.collectives().list())
        .compose(all -> Future.all(all.stream().map(this::withActor).toList())
            .map(done -> done.<CollectiveView>list()));
  }

  /** The members of a collective (404 if it does not exist). */
  public Future<List<Membership>> members(String collective) {
    return store.call(data -> {
      requireCollective(data, collective);
      return data.memberships().members(collective);
    });
  }

  /** Gives a user a role in a collective, adding the membership if needed. */
  public Future<Membership> setRole(String collective, String username, Role role) {
    if (role == null || !role.isCollectiveRole()) {
      return Future.failedFuture(NodeError.invalid("role", "use editor or member"));
    }
    if (username == null || username.isBlank()) {
      return Future.failedFuture(NodeError.invalid("username", "required"));
    }
    return store.call(data -> data.locked(() -> {
      requireCollective(data, collective);
      User user = UserService.requireUser(data, username);
      Membership m = data.memberships().find(collective, user.id())
          .map(existing -> existing.withRole(role))
          .orElseGet(() -> new Membership(collective, user.id(), user.username(), role, now()));
      data.write(batch -> data.memberships().put(batch, m));
      return m;
    }));
  }

  /** Removes a user from a collective; 404 if they were not a member. */
  public Future<Void> removeMember(String collective, String username) {
    if (username == null || username.isBlank()) {
      return Future.failedFuture(NodeError.invalid("username", "required"));
    }
    return store.call(data -> data.locked(() -> {
      requireCollective(data, collective);
      User user = UserService.requireUser(data, username);
      if (data.memberships().find(collective, user.id()).isEmpty()) {
        throw NodeError.missing(username + " is not a member of " + collective);
      }
      data.write(batch -> data.memberships().delete(batch, collective, user.id()));
      return null;
    }));
  }

  private Future<CollectiveView> withActor(Collective c) {
    return actors.find(c.name())
        .map(actor -> new CollectiveView(c, actor.map(LocalActor::manuallyApprovesFollowers).orElse(false)));
  }

  static Collective requireCollective(AccountData data, String name) {
    return data.collectives().find(name).orElseThrow(() -> noSuchCollective(name));
  }

  static NodeError noSuchCollective(String name) {
    return NodeError.missing("no such collective: " + name);
  }

  private static boolean nameTaken(AccountData data, String name) {
    return data.collectives().exists(name) || data.users().usernameTaken(name);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
