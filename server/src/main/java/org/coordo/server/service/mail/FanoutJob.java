package org.coordo.server.service.mail;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One fan-out job of publication mails, as the durable queue keeps it (JSON payload).
 *
 * @param type what to send
 * @param scope whose subscribers ({@code Subscriber.scope}): a collective's name; null for {@link Type#TICK}
 * @param ref the publication ({@code pub:…} or {@code agg:…}); null for digests
 * @param week the digest's week ({@code 2026-W50}); null otherwise
 * @param from the digest's window start (inclusive); null otherwise
 * @param to the digest's window end (exclusive), which is also when it is due; null otherwise
 */
public record FanoutJob(Type type, String scope, String ref, String week, Instant from, Instant to) {
  public enum Type {
    /** A publication became public: one mail to every subscriber who wants it. */
    PUBLICATION,
    /** An event was cancelled: a correction to those who got the publication mail. */
    CANCELLED,
    /** An event moved (date, time, place): a correction to those who got the publication mail. */
    CHANGED,
    /** One scope's weekly digest to its weekly subscribers. */
    DIGEST,
    /** The week's turn: starts every scope's digest, schedules the next turn. */
    TICK
  }

  public FanoutJob {
    Objects.requireNonNull(type, "type");
  }

  public static FanoutJob publication(Type type, String scope, String ref) {
    return new FanoutJob(type, scope, ref, null, null, null);
  }

  public byte[] encode() {
    JsonObject json = new JsonObject().put("type", type.name());
    put(json, "scope", scope);
    put(json, "ref", ref);
    put(json, "week", week);
    put(json, "from", from == null ? null : from.toString());
    put(json, "to", to == null ? null : to.toString());
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }

  public static FanoutJob decode(byte[] payload) {
    JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    return new FanoutJob(Type.valueOf(json.getString("type")), json.getString("scope"), json.getString("ref"),
        json.getString("week"), instant(json.getString("from")), instant(json.getString("to")));
  }

  private static void put(JsonObject json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static Instant instant(String value) {
    return value == null ? null : Instant.parse(value);
  }
}
