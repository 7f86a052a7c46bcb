package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.SignedCall;

/** Co-signed calls in the JSON API (issue 17). Field names as the records'; states in lower case. */
public final class CoSignApiConverter {
  private CoSignApiConverter() {}

  public static JsonObject signatory(Signatory s) {
    return new JsonObject().put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT)).put("actor", s.actor())
        .put("name", s.name()).put("handle", handle(s.handle())).put("url", s.url()).put("signedAt", time(s.signedAt()));
  }

  /** A handle as the rest of the API writes it, {@code @name@host} (the records keep {@code name@host}). */
  static String handle(String stored) {
    return stored == null || stored.isBlank() ? null : stored.startsWith("@") ? stored : "@" + stored;
  }

  public static JsonObject signatories(CallSignatories s) {
    JsonObject out = new JsonObject().put("call", s.call()).put("collection", s.collection())
        .put("author", s.author() == null ? null : signatory(s.author()))
        .put("signatories", list(s.signatories(), CoSignApiConverter::signatory));
    if (!s.invited().isEmpty()) {
      out.put("invited", list(s.invited(), CoSignApiConverter::sent));
    }
    return out;
  }

  public static JsonObject sent(SentInvitation i) {
    return new JsonObject().put("invited", i.invited()).put("handle", handle(i.handle())).put("name", i.name())
        .put("state", state(i.state())).put("sentAt", time(i.sentAt()));
  }

  public static JsonObject invitation(CoSignInvitation i) {
    return new JsonObject().put("id", i.id()).put("collective", i.collective()).put("call", i.call())
        .put("callTitle", i.callTitle()).put("callUrl", i.callUrl()).put("inviter", i.inviter())
        .put("inviterName", i.inviterName()).put("inviterHandle", handle(i.inviterHandle())).put("state", state(i.state()))
        .put("receivedAt", time(i.receivedAt())).put("answeredAt", time(i.answeredAt()));
  }

  public static JsonObject signed(SignedCall c) {
    return new JsonObject().put("call", c.call()).put("title", c.title()).put("url", c.url()).put("author", c.author())
        .put("authorName", c.authorName()).put("authorHandle", c.authorHandle()).put("signedAt", time(c.signedAt()));
  }

  public static <T> JsonObject listOf(String field, List<T> items, Function<T, JsonObject> each) {
    return new JsonObject().put(field, list(items, each));
  }

  private static <T> JsonArray list(List<T> items, Function<T, JsonObject> each) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(each.apply(i)));
    return out;
  }

  private static String state(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
