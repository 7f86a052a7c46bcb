package org.coordo.server.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * What a route needs from whoever calls it, declared once where the route is registered ({@link
 * AccessGate#require}) and checked there, in one place, before the route's handler runs.
 *
 * <ul>
 *   <li>{@link #PUBLIC}: anyone. What a public route then shows still follows the content's own
 *       rule ({@code domain/publication/Visibility}: a draft answers 404 to non-members).
 *   <li>{@link #SIGNED_IN}: any account.
 *   <li>{@link #MEMBER}, {@link #EDITOR}: that role (or more) in the collective named by the path
 *       ({@code :collective}, else {@code :name}); a node admin holds both everywhere.
 *   <li>{@link #ADMIN}: the node's administrators.
 *   <li>{@link #CONTROL}, {@link #PROTOCOL}: not a person: the command line's control token, checked by
 *       the control routes; ActivityPub peers, whose HTTP signatures federation checks.
 * </ul>
 *
 * <p>More roles are predicates over the principal and the request, resolved by a service: {@link
 * #of}, e.g. a working group's pilot: {@code Access.of("pilot", "pilot of the working group in the
 * path", (who, ctx) -> groups.isPilot(who, Access.collective(ctx), ctx.pathParam("group")))}.
 */
public final class Access {

  /** Whether a principal may go on, given the request (its path names the collective or group). */
  @FunctionalInterface
  public interface Check {
    Future<Boolean> allows(Principal who, RoutingContext ctx);
  }

  public static final Access PUBLIC = new Access("public", "anyone", false, null);
  public static final Access SIGNED_IN =
      new Access("signed-in", "any signed-in account", true, (who, ctx) -> Future.succeededFuture(true));
  public static final Access MEMBER = new Access("member", "member of the collective in the path (or editor, node admin)",
      true, (who, ctx) -> Future.succeededFuture(who.isMemberOf(collective(ctx))));
  public static final Access EDITOR = new Access("editor", "editor of the collective in the path (or node admin)",
      true, (who, ctx) -> Future.succeededFuture(who.canPublishFor(collective(ctx))));
  public static final Access ADMIN = new Access("admin", "node administrator",
      true, (who, ctx) -> Future.succeededFuture(who.isAdmin()));
  public static final Access CONTROL =
      new Access("control", "the node's control token (command line, checked by the route)", false, null);
  public static final Access PROTOCOL =
      new Access("protocol", "anyone; ActivityPub (HTTP signatures checked by federation)", false, null);

  private final String id;
  private final String description;
  private final boolean signedIn;
  private final Check check;

  private Access(String id, String description, boolean signedIn, Check check) {
    this.id = Objects.requireNonNull(id, "id");
    this.description = Objects.requireNonNull(description, "description");
    this.signedIn = signedIn;
    this.check = check;
  }

  /**
   * A role that needs a signed-in principal and a check (usually a service's look-up).
   *
   * @param id short name shown in docs/ROUTES.md ({@code pilot}, {@code group-member})
   * @param description one line for the table
   */
  public static Access of(String id, String description, Check check) {
    return new Access(id, description, true, Objects.requireNonNull(check, "check"));
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** Whether the route needs an account (anonymous callers are sent to log in, or get 401). */
  public boolean needsPrincipal() {
    return signedIn;
  }

  /** Whether this principal may use the route for this request (only for {@link #needsPrincipal()}). */
  public Future<Boolean> allows(Principal who, RoutingContext ctx) {
    return check == null ? Future.succeededFuture(true) : check.allows(who, ctx);
  }

  /** The collective a request's path names: {@code :collective} (members' space) or {@code :name}. */
  public static String collective(RoutingContext ctx) {
    String c = ctx.pathParam("collective");
    return c != null ? c : ctx.pathParam("name");
  }

  @Override
  public String toString() {
    return id;
  }
}
