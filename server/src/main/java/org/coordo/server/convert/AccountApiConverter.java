package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.coordo.federation.Uris;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.account.ApiToken;
import org.coordo.server.domain.account.Invitation;
import org.coordo.server.domain.account.Membership;
import org.coordo.server.domain.account.User;
import org.coordo.server.service.account.CollectiveService.CollectiveView;

/** Account domain records to their JSON API form. Never exposes hashes or secrets. */
public final class AccountApiConverter {
  private final Uris uris;

  public AccountApiConverter(Uris uris) {
    this.uris = uris;
  }

  public JsonObject me(Principal p, User user) {
    JsonObject roles = new JsonObject();
    p.roles().forEach((collective, role) -> roles.put(collective, role.id()));
    return new JsonObject()
        .put("id", p.userId())
        .put("username", p.username())
        .put("displayName", user == null ? p.username() : user.displayName())
        .put("admin", p.isAdmin())
        .put("roles", roles)
        .put("actor", uris.actor(p.username()).toString());
  }

  public JsonObject collective(CollectiveView v) {
    return new JsonObject()
        .put("name", v.collective().name())
        .put("displayName", v.collective().displayName())
        .put("description", v.collective().description())
        .put("descriptionHtml", v.collective().descriptionHtml())
        .put("publishAsCollective", v.collective().publishesAsCollective())
        .put("manuallyApprovesFollowers", v.manuallyApprovesFollowers())
        .put("created", v.collective().created().toString())
        .put("actor", uris.actor(v.collective().name()).toString());
  }

  public JsonObject membership(Membership m) {
    return new JsonObject()
        .put("collective", m.collective())
        .put("username", m.username())
        .put("role", m.role().id())
        .put("since", m.since().toString());
  }

  public JsonObject token(ApiToken t) {
    return new JsonObject().put("id", t.id()).put("label", t.label()).put("created", t.created().toString());
  }

  public JsonObject invitation(Invitation i) {
    return new JsonObject()
        .put("collective", i.collective())
        .put("role", i.role().id())
        .put("expires", i.expires().toString());
  }

  public static JsonObject list(String field, JsonArray items) {
    return new JsonObject().put(field, items);
  }
}
