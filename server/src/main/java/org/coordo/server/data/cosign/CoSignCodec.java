package org.coordo.server.data.cosign;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.domain.cosign.InvitationState;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.Signatory;

/** The stored JSON of co-signing records (field names are the record components). */
final class CoSignCodec {
  private CoSignCodec() {}

  static byte[] encode(CallRecord r) {
    JsonArray signatories = new JsonArray();
    r.signatories().forEach(s -> signatories.add(signatory(s)));
    JsonArray invited = new JsonArray();
    for (SentInvitation i : r.invited()) {
      invited.add(new JsonObject().put("invited", i.invited()).put("handle", i.handle()).put("name", i.name())
          .put("inviteActivity", i.inviteActivity()).put("state", i.state().name())
          .put("sentAt", i.sentAt().toString()));
    }
    return new JsonObject().put("call", r.call()).put("collection", r.collection()).put("collective", r.collective())
        .put("title", r.title()).put("url", r.url()).put("author", r.author() == null ? null : signatory(r.author()))
        .put("signatories", signatories).put("invited", invited)
        .put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString())
        .toBuffer().getBytes();
  }

  static CallRecord decodeCall(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    List<Signatory> signatories = new ArrayList<>();
    for (Object o : j.getJsonArray("signatories", new JsonArray())) {
      signatories.add(signatory((JsonObject) o));
    }
    List<SentInvitation> invited = new ArrayList<>();
    for (Object o : j.getJsonArray("invited", new JsonArray())) {
      JsonObject i = (JsonObject) o;
      invited.add(new SentInvitation(i.getString("invited"), i.getString("handle"), i.getString("name"),
          i.getString("inviteActivity"), InvitationState.valueOf(i.getString("state")),
          Instant.parse(i.getString("sentAt"))));
    }
    JsonObject author = j.getJsonObject("author");
    return new CallRecord(j.getString("call"), j.getString("collection"), j.getString("collective"),
        j.getString("title"), j.getString("url"), author == null ? null : signatory(author), signatories, invited,
        instant(j.getString("updatedAt")));
  }

  static byte[] encode(ReceivedInvitation r) {
    CoSignInvitation i = r.invitation();
    return new JsonObject().put("id", i.id()).put("collective", i.collective()).put("call", i.call())
        .put("callTitle", i.callTitle()).put("callUrl", i.callUrl()).put("inviter", i.inviter())
        .put("inviterName", i.inviterName()).put("inviterHandle", i.inviterHandle())
        .put("inviteActivity", i.inviteActivity()).put("state", i.state().name())
        .put("receivedAt", i.receivedAt().toString())
        .put("answeredAt", i.answeredAt() == null ? null : i.answeredAt().toString())
        .put("collection", r.collection()).put("accept", r.accept()).put("announce", r.announce())
        .toBuffer().getBytes();
  }

  static ReceivedInvitation decodeInvitation(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    CoSignInvitation i = new CoSignInvitation(j.getString("id"), j.getString("collective"), j.getString("call"),
        j.getString("callTitle"), j.getString("callUrl"), j.getString("inviter"), j.getString("inviterName"),
        j.getString("inviterHandle"), j.getString("inviteActivity"), InvitationState.valueOf(j.getString("state")),
        Instant.parse(j.getString("receivedAt")), instant(j.getString("answeredAt")));
    return new ReceivedInvitation(i, j.getString("collection"), j.getString("accept"), j.getString("announce"));
  }

  private static JsonObject signatory(Signatory s) {
    return new JsonObject().put("kind", s.kind().name()).put("actor", s.actor()).put("name", s.name())
        .put("handle", s.handle()).put("url", s.url())
        .put("signedAt", s.signedAt() == null ? null : s.signedAt().toString()).put("activity", s.activity());
  }

  private static Signatory signatory(JsonObject j) {
    return new Signatory(Signatory.Kind.valueOf(j.getString("kind")), j.getString("actor"), j.getString("name"),
        j.getString("handle"), j.getString("url"), instant(j.getString("signedAt")), j.getString("activity"));
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
