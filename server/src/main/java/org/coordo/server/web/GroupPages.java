package org.coordo.server.web;

import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.service.group.GroupAccess;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.group.GroupPlanning;
import org.coordo.server.service.group.Granted;
import org.coordo.server.service.group.MeetingInput;
import org.coordo.server.service.group.WorkingGroupService;
import org.coordo.server.service.group.WorkingGroups;

/**
 * The working-group pages. Each route names the {@link GroupRole} it needs where it is registered
 * (the service's {@code authorize} checks it: the error page with 404 to a stranger, 403 to a member
 * of the collective without the role); someone not signed in is sent to the login page first, as on
 * every page of the members' space.
 *
 * <pre>
 * GET  /espace/:collective/groups                              COLLECTIVE_MEMBER  the list (and the creation form for editors)
 * POST /espace/:collective/groups                              COLLECTIVE_EDITOR  create a group with its pilots
 * GET  /espace/:collective/groups/:group                       COLLECTIVE_MEMBER  the group: join; planning, board, people for its members
 * POST /espace/:collective/groups/:group/join                  COLLECTIVE_MEMBER  join (open) or ask to join
 * POST /espace/:collective/groups/:group/leave                 COLLECTIVE_MEMBER  leave, or withdraw a request
 * POST /espace/:collective/groups/:group/members               GROUP_PILOT        accept, name pilot, remove, decline
 * POST /espace/:collective/groups/:group/meetings              GROUP_PILOT        schedule a meeting
 * POST /espace/:collective/groups/:group/meetings/:id/cancel   GROUP_PILOT        cancel it
 * POST /espace/:collective/groups/:group/board                 GROUP_PILOT        post on the board
 * POST /espace/:collective/groups/:group/public                COLLECTIVE_EDITOR  make the group public
 * GET  /collectives/:collective/groups/:group                  anyone             a public group's page (404 otherwise)
 * GET  /collectives/:collective/groups/:group/meetings/:id     anyone             a public meeting → its place on that page
 * GET  /actors/:name                                           anyone             a public group's actor, for a browser → its page
 * </pre>
 */
public final class GroupPages {
  private static final String C = "/espace/:collective/groups";
  private static final String G = C + "/:group";

  private final Pages pages;
  private final Accounts accounts;
  private final WorkingGroupService groups;
  private final GroupPlanning planning;
  private final WorkingGroups all;

  public GroupPages(Accounts accounts, WorkingGroups groups, URI publicUrl) {
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.accounts = accounts;
    this.groups = groups.groups();
    this.planning = groups.planning();
    this.all = groups;
  }

  public void mount(Router router) {
    route(router, false, C, GroupRole.COLLECTIVE_MEMBER, this::list);
    route(router, true, C, GroupRole.COLLECTIVE_EDITOR, this::create);
    route(router, false, G, GroupRole.COLLECTIVE_MEMBER, (ctx, g) -> show(ctx, g, 200, Form.empty(), Form.empty()));
    route(router, true, G + "/join", GroupRole.COLLECTIVE_MEMBER, (ctx, g) -> back(ctx, g, groups.join(g)));
    route(router, true, G + "/leave", GroupRole.COLLECTIVE_MEMBER, (ctx, g) -> back(ctx, g, groups.leave(g)));
    route(router, true, G + "/members", GroupRole.GROUP_PILOT, this::decide);
    route(router, true, G + "/meetings", GroupRole.GROUP_PILOT, this::schedule);
    route(router, true, G + "/meetings/:id/cancel", GroupRole.GROUP_PILOT,
        (ctx, g) -> back(ctx, g, planning.cancel(g, ctx.pathParam("id"))));
    route(router, true, G + "/board", GroupRole.GROUP_PILOT, this::post);
    route(router, true, G + "/public", GroupRole.COLLECTIVE_EDITOR, (ctx, g) -> back(ctx, g, groups.makePublic(g)));

    AccessGate.page(router.get("/collectives/:collective/groups/:group"), Access.PUBLIC).handler(this::publicPage);
    AccessGate.page(router.get("/collectives/:collective/groups/:group/meetings/:id"), Access.PUBLIC).handler(ctx -> planning.uris()
        .meetingOf(ctx.pathParam("collective"), ctx.pathParam("group"), ctx.pathParam("id"))
        .map(planning::publicMeeting).orElse(Future.succeededFuture(java.util.Optional.empty()))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            pages.error(ctx, NodeError.notFound("meeting"));
          } else {
            Pages.redirect(ctx, "/collectives/" + ctx.pathParam("collective") + "/groups/" + ctx.pathParam("group")
                + "#m-" + ctx.pathParam("id"));
          }
        }).onFailure(e -> pages.error(ctx, e)));
    AccessGate.page(router.get("/actors/:name"), Access.PROTOCOL).handler(ctx -> all.publicGroups().byActor(ctx.pathParam("name")).ifPresentOrElse(
        g -> Pages.redirect(ctx, "/collectives/" + g.collective() + "/groups/" + g.name()), ctx::next));
  }

  @FunctionalInterface
  interface GrantedPage {
    void handle(RoutingContext ctx, Granted granted);
  }

  /** Registers a members' space route with the role it needs. */
  private void route(Router router, boolean post, String path, GroupRole role, GrantedPage page) {
    Handler<RoutingContext> h = ctx -> {
      String group = ctx.pathParams().containsKey("group") ? ctx.pathParam("group") : null;
      groups.authorize(AuthHandler.principal(ctx), ctx.pathParam("collective"), group, role).onSuccess(g -> {
        try {
          page.handle(ctx, g);
        } catch (RuntimeException e) {
          pages.error(ctx, e);
        }
      }).onFailure(e -> pages.error(ctx, e));
    };
    AccessGate.page(post ? router.post(path) : router.get(path), GroupAccess.gate(role)).handler(h);
  }

  private void list(RoutingContext ctx, Granted g) {
    PageContext p = pages.context(ctx);
    showList(ctx, g, p, 200, Form.empty());
  }

  private void showList(RoutingContext ctx, Granted g, PageContext p, int status, Form f) {
    Future.all(groups.list(g), collectiveName(g.collective())).onSuccess(done -> {
      List<WorkingGroupService.GroupSummary> summaries = done.resultAt(0);
      List<GroupViews.Row> rows = summaries.stream().map(s -> new GroupViews.Row(s.group().name(),
          s.group().displayName(), s.group().joinPolicy() == WorkingGroup.JoinPolicy.OPEN, s.group().isPublic(),
          s.mine().map(m -> m.standing().id()).orElse("none"), s.people())).toList();
      pages.render(ctx, status, "groups.jte", p, "collective", g.collective(), "collectiveName", done.resultAt(1),
          "groups", rows, "editor", g.has(GroupRole.COLLECTIVE_EDITOR), "f", f);
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void create(RoutingContext ctx, Granted g) {
    var form = ctx.request().formAttributes();
    List<String> pilots = Arrays.stream(String.valueOf(form.get("pilots")).split("[,\\s]+"))
        .filter(s -> !s.isBlank() && !s.equals("null")).toList();
    Form f = Form.of(form);
    groups.create(g, new WorkingGroupService.NewGroup(form.get("name"), form.get("displayName"), form.get("purpose"),
            "open".equals(form.get("joinPolicy")) ? WorkingGroup.JoinPolicy.OPEN : WorkingGroup.JoinPolicy.BY_REQUEST,
            pilots))
        .onSuccess(made -> Pages.redirect(ctx, GroupUris.spacePath(made.collective(), made.name())))
        .onFailure(e -> refused(ctx, e, f, () -> showList(ctx, g, pages.context(ctx), 422, f)));
  }

  private void decide(RoutingContext ctx, Granted g) {
    String username = ctx.request().getFormAttribute("username");
    String standing = ctx.request().getFormAttribute("standing");
    Future<?> done = "remove".equals(standing) ? groups.remove(g, username)
        : groups.setStanding(g, username, GroupMembership.Standing.parse(standing).orElse(null));
    back(ctx, g, done);
  }

  private void schedule(RoutingContext ctx, Granted g) {
    var form = ctx.request().formAttributes();
    Form f = Form.of(form);
    planning.schedule(g, new MeetingInput(form.get("start"), form.get("end"), form.get("timezone"),
            form.get("place"), form.get("onlineUrl"), form.get("agenda"), form.get("public") != null))
        .onSuccess(m -> {
          MemberPages.notice(ctx, "notice.meetingScheduled");
          Pages.redirect(ctx, GroupUris.spacePath(g.collective(), g.group().name()));
        })
        .onFailure(e -> refused(ctx, e, f, () -> show(ctx, g, 422, f, Form.empty())));
  }

  private void post(RoutingContext ctx, Granted g) {
    Form f = Form.of(ctx.request().formAttributes());
    planning.post(g, ctx.request().getFormAttribute("text"))
        .onSuccess(p -> Pages.redirect(ctx, GroupUris.spacePath(g.collective(), g.group().name()) + "#board"))
        .onFailure(e -> refused(ctx, e, f, () -> show(ctx, g, 422, Form.empty(), f)));
  }

  /** Field errors come back on the page; anything else is the error page. */
  private void refused(RoutingContext ctx, Throwable e, Form f, Runnable again) {
    if (e instanceof NodeError n && !n.fields().isEmpty()) {
      FieldMessages.apply(f, n.fields());
      f.general("group.formErrors");
      again.run();
    } else {
      pages.error(ctx, e);
    }
  }

  private void back(RoutingContext ctx, Granted g, Future<?> done) {
    done.onSuccess(v -> Pages.redirect(ctx, GroupUris.spacePath(g.collective(), g.group().name())))
        .onFailure(e -> pages.error(ctx, e));
  }

  private void show(RoutingContext ctx, Granted g, int status, Form meetingForm, Form postForm) {
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    boolean member = g.has(GroupRole.GROUP_MEMBER);
    Future<List<org.coordo.server.domain.group.Meeting>> meetings = member ? planning.planning(g) : Future.succeededFuture(List.of());
    Future<List<org.coordo.server.domain.group.BoardPost>> posts = member ? planning.board(g) : Future.succeededFuture(List.of());
    Future<List<GroupMembership>> people = member ? groups.people(g) : Future.succeededFuture(List.of());
    Future.all(meetings, posts, people, collectiveName(g.collective())).onSuccess(done -> {
      WorkingGroup group = g.group();
      List<GroupMembership> everyone = people.result();
      GroupViews.Inside inside = new GroupViews.Inside(g.collective(), done.resultAt(3), group,
          g.mine().map(m -> m.standing().id()).orElse("none"), member, g.has(GroupRole.GROUP_PILOT),
          g.has(GroupRole.COLLECTIVE_EDITOR),
          meetings.result().stream().map(m -> GroupViews.meeting(m, locale)).toList(),
          posts.result().stream().map(x -> GroupViews.post(x, locale)).toList(),
          everyone.stream().filter(m -> m.standing().isIn()).toList(),
          everyone.stream().filter(m -> !m.standing().isIn()).toList(),
          group.isPublic() ? "@" + group.actorName() + "@" + p.host() : null);
      String notice = MemberPages.takeNotice(ctx, p);
      pages.render(ctx, status, "group.jte", p, "g", inside, "mf", meetingForm, "pf", postForm, "notice", notice);
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void publicPage(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    planning.publicView(ctx.pathParam("collective"), ctx.pathParam("group")).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(NodeError.notFound("working group"));
      }
      GroupPlanning.PublicView v = found.get();
      return collectiveName(v.group().collective()).map(name -> new GroupViews.Public(v.group(), name,
          "@" + v.group().actorName() + "@" + p.host(), planning.uris().actor(v.group().actorName()).toString(),
          v.upcoming().stream().map(m -> GroupViews.meeting(m, locale)).toList()));
    }).onSuccess(v -> pages.render(ctx, 200, "group-public.jte", p, "g", v)).onFailure(e -> pages.error(ctx, e));
  }

  private Future<String> collectiveName(String collective) {
    return accounts.collectives().find(collective)
        .map(found -> found.map(c -> c.collective().displayName()).orElse(collective));
  }
}
