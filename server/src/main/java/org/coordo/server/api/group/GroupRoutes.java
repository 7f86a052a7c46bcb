package org.coordo.server.api.group;

import static org.coordo.server.api.account.ApiReplies.body;
import static org.coordo.server.api.account.ApiReplies.bool;
import static org.coordo.server.api.account.ApiReplies.string;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.api.account.ApiReplies;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.convert.GroupApiConverter;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.group.GroupPlanning;
import org.coordo.server.service.group.Granted;
import org.coordo.server.service.group.MeetingInput;
import org.coordo.server.service.group.WorkingGroupService;

/**
 * The JSON API of working groups. Each route names the {@link GroupRole} it needs where it is
 * registered; {@link GroupRouting} checks it before the handler runs (404 to a stranger, 403 to a
 * member of the collective without the role), and the service checks it again.
 *
 * <pre>
 * GET    /api/collectives/:collective/groups                         COLLECTIVE_MEMBER  → {groups: [...]}
 * POST   /api/collectives/:collective/groups                         COLLECTIVE_EDITOR  {name, displayName, purpose, joinPolicy, pilots} → 201
 * GET    /api/collectives/:collective/groups/:group                  COLLECTIVE_MEMBER  → the group and where I stand
 * PATCH  /api/collectives/:collective/groups/:group                  GROUP_PILOT        {displayName, purpose, joinPolicy}
 * POST   /api/collectives/:collective/groups/:group/public           COLLECTIVE_EDITOR  → the group, now public
 * POST   /api/collectives/:collective/groups/:group/join             COLLECTIVE_MEMBER  → my membership (member, or requested)
 * POST   /api/collectives/:collective/groups/:group/leave            COLLECTIVE_MEMBER  → 204
 * GET    /api/collectives/:collective/groups/:group/members          GROUP_MEMBER       → {members: [...]} (requests for pilots)
 * PUT    /api/collectives/:collective/groups/:group/members/:username GROUP_PILOT       {standing: member|pilot}
 * DELETE /api/collectives/:collective/groups/:group/members/:username GROUP_PILOT       → 204 (decline, remove)
 * GET    /api/collectives/:collective/groups/:group/meetings         GROUP_MEMBER       → {meetings: [...]} upcoming
 * POST   /api/collectives/:collective/groups/:group/meetings         GROUP_PILOT        {start, end, timezone, place, onlineUrl, agenda, public} → 201
 * PATCH  /api/collectives/:collective/groups/:group/meetings/:id     GROUP_PILOT        (same fields)
 * POST   /api/collectives/:collective/groups/:group/meetings/:id/cancel GROUP_PILOT
 * GET    /api/collectives/:collective/groups/:group/board            GROUP_MEMBER       → {posts: [...]} newest first
 * POST   /api/collectives/:collective/groups/:group/board            GROUP_PILOT        {text} → 201
 * GET    /api/me/meetings                                            signed in          → {meetings: [...]} of my groups
 * </pre>
 */
public final class GroupRoutes implements RouteMounter {
  private static final String C = "/api/collectives/:collective/groups";
  private static final String G = C + "/:group";

  @Override
  public void mount(Router router, NodeServices node) {
    WorkingGroupService groups = node.groups().groups();
    GroupPlanning planning = node.groups().planning();
    GroupApiConverter convert = new GroupApiConverter(planning.uris());
    GroupRouting r = new GroupRouting(router, groups);

    r.collective(HttpMethod.GET, C, GroupRole.COLLECTIVE_MEMBER, (ctx, g) -> ApiReplies.reply(ctx, groups.list(g), 200,
        all -> GroupApiConverter.list("groups", all, s -> convert.summary(s.group(), s.mine().orElse(null), s.people()))));
    r.collective(HttpMethod.POST, C, GroupRole.COLLECTIVE_EDITOR, (ctx, g) -> {
      JsonObject b = body(ctx);
      ApiReplies.reply(ctx, groups.create(g, new WorkingGroupService.NewGroup(string(b, "name"),
          string(b, "displayName"), string(b, "purpose"), joinPolicy(string(b, "joinPolicy")), strings(b, "pilots"))),
          201, convert::group);
    });
    r.group(HttpMethod.GET, G, GroupRole.COLLECTIVE_MEMBER, (ctx, g) -> ctx.json(
        convert.summary(g.group(), g.mine().orElse(null), -1)));
    r.group(HttpMethod.PATCH, G, GroupRole.GROUP_PILOT, (ctx, g) -> {
      JsonObject b = body(ctx);
      String policy = string(b, "joinPolicy");
      ApiReplies.reply(ctx, groups.update(g, new WorkingGroupService.GroupChanges(string(b, "displayName"),
          string(b, "purpose"), policy == null ? null : joinPolicy(policy))), 200, convert::group);
    });
    r.group(HttpMethod.POST, G + "/public", GroupRole.COLLECTIVE_EDITOR,
        (ctx, g) -> ApiReplies.reply(ctx, groups.makePublic(g), 200, convert::group));
    r.group(HttpMethod.POST, G + "/join", GroupRole.COLLECTIVE_MEMBER,
        (ctx, g) -> ApiReplies.reply(ctx, groups.join(g), 200, convert::membership));
    r.group(HttpMethod.POST, G + "/leave", GroupRole.COLLECTIVE_MEMBER,
        (ctx, g) -> ApiReplies.noContent(ctx, groups.leave(g)));
    r.group(HttpMethod.GET, G + "/members", GroupRole.GROUP_MEMBER, (ctx, g) -> ApiReplies.reply(ctx,
        groups.people(g), 200, all -> GroupApiConverter.list("members", all, convert::membership)));
    r.group(HttpMethod.PUT, G + "/members/:username", GroupRole.GROUP_PILOT, (ctx, g) -> {
      String standing = string(body(ctx), "standing");
      ApiReplies.reply(ctx, groups.setStanding(g, ctx.pathParam("username"),
          GroupMembership.Standing.parse(standing).orElse(null)), 200, convert::membership);
    });
    r.group(HttpMethod.DELETE, G + "/members/:username", GroupRole.GROUP_PILOT,
        (ctx, g) -> ApiReplies.noContent(ctx, groups.remove(g, ctx.pathParam("username"))));
    r.group(HttpMethod.GET, G + "/meetings", GroupRole.GROUP_MEMBER, (ctx, g) -> ApiReplies.reply(ctx,
        planning.planning(g), 200, all -> GroupApiConverter.list("meetings", all, convert::meeting)));
    r.group(HttpMethod.POST, G + "/meetings", GroupRole.GROUP_PILOT,
        (ctx, g) -> ApiReplies.reply(ctx, planning.schedule(g, meeting(body(ctx))), 201, convert::meeting));
    r.group(HttpMethod.PATCH, G + "/meetings/:id", GroupRole.GROUP_PILOT, (ctx, g) -> ApiReplies.reply(ctx,
        planning.edit(g, ctx.pathParam("id"), meeting(body(ctx))), 200, convert::meeting));
    r.group(HttpMethod.POST, G + "/meetings/:id/cancel", GroupRole.GROUP_PILOT,
        (ctx, g) -> ApiReplies.reply(ctx, planning.cancel(g, ctx.pathParam("id")), 200, convert::meeting));
    r.group(HttpMethod.GET, G + "/board", GroupRole.GROUP_MEMBER, (ctx, g) -> ApiReplies.reply(ctx,
        planning.board(g), 200, all -> GroupApiConverter.list("posts", all, convert::post)));
    r.group(HttpMethod.POST, G + "/board", GroupRole.GROUP_PILOT,
        (ctx, g) -> ApiReplies.reply(ctx, planning.post(g, string(body(ctx), "text")), 201, convert::post));

    // Signed in (any account): one's own meetings, what a private calendar feed lists.
    AccessGate.api(router.get("/api/me/meetings"), Access.SIGNED_IN).handler(ctx -> ApiReplies.reply(ctx,
        planning.upcomingMeetingsOf(AuthHandler.require(ctx).userId()), 200,
        all -> GroupApiConverter.list("meetings", all, convert::memberMeeting)));
  }

  private static MeetingInput meeting(JsonObject b) {
    return new MeetingInput(string(b, "start"), string(b, "end"), string(b, "timezone"), string(b, "place"),
        string(b, "onlineUrl"), string(b, "agenda"), bool(b, "public"));
  }

  private static WorkingGroup.JoinPolicy joinPolicy(String text) {
    if (text == null) {
      return null;
    }
    return WorkingGroup.JoinPolicy.parse(text).orElseThrow(() -> NodeError.invalid("joinPolicy", "use open or by-request"));
  }

  private static List<String> strings(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw NodeError.invalid(field, "a list of user names");
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) {
        throw NodeError.invalid(field, "a list of user names");
      }
      out.add(s);
    }
    return out;
  }

  /** Used by the handlers: the checked facts of the request. */
  @FunctionalInterface
  interface GrantedHandler {
    void handle(RoutingContext ctx, Granted granted);
  }
}
