package org.coordo.federation.inbox;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted inbound activity as the inbox log keeps it.
 *
 * @param id time-sortable entry id
 * @param state where processing stands
 * @param activity the activity to process (embedded objects already replaced by refetched ones)
 * @param type the activity type
 * @param actor the verified actor
 * @param inboxOwner the local actor whose inbox received it, or null for the shared inbox
 * @param receivedAt when it was accepted
 * @param attempts processing attempts so far
 * @param error the last processing error (safe text), or null
 */
public record InboxEntry(
    String id,
    State state,
    JsonObject activity,
    String type,
    URI actor,
    String inboxOwner,
    Instant receivedAt,
    int attempts,
    String error) {

  public enum State {
    /** Stored, side effects not (all) applied yet: replayed at start. */
    PENDING,
    /** Side effects and listeners done. */
    PROCESSED,
    /** Processing failed; replayed at start while attempts remain. */
    FAILED
  }

  public InboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public InboxEntry withState(State newState, String newError) {
    return new InboxEntry(id, newState, activity, type, actor, inboxOwner, receivedAt, attempts, newError);
  }

  public InboxEntry withAttempt() {
    return new InboxEntry(id, state, activity, type, actor, inboxOwner, receivedAt, attempts + 1, error);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("state", state.name())
        .put("activity", activity)
        .put("type", type)
        .put("actor", actor.toString())
        .put("inboxOwner", inboxOwner)
        .put("receivedAt", receivedAt.toEpochMilli())
        .put("attempts", attempts)
        .put("error", error);
  }

  public static InboxEntry fromJson(JsonObject j) {
    return new InboxEntry(
        j.getString("id"),
        State.valueOf(j.getString("state")),
        j.getJsonObject("activity"),
        j.getString("type"),
        URI.create(j.getString("actor")),
        j.getString("inboxOwner"),
        Instant.ofEpochMilli(j.getLong("receivedAt")),
        j.getInteger("attempts", 0),
        j.getString("error"));
  }

}
