package org.coordo.federation.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.coordo.federation.host.Hosts;
import org.coordo.federation.host.SoftwareFamily;

/**
 * What one delivery job asks: POST these stored activities, signed by this local actor, to this inbox — each to
 * the servers of the software families it is meant for (see {@code outbox.DeliveryForms}); which family the inbox's
 * server is in is decided when the job is sent. Stored unsigned (the signature is made at send time, with a fresh
 * date).
 *
 * <p>Payload codec: UTF-8 JSON {@code {"activity": "<first activity id>", "actor": "<local name>", "inbox": "<inbox
 * URL>", "set": [{"id": "<activity id>", "for": ["microblog", "group-aware", "other"]}, …]}}; {@code set} is
 * written only when the job carries more than one activity or one not meant for every server, and a payload without
 * it (every job written before it existed) is one activity for everyone. Unknown fields are ignored.
 *
 * @param activities the activities in sending order, each with its audience
 */
public record DeliveryJob(List<Part> activities, String actorName, URI inbox) {

  /** One activity of the job and the families it goes to. */
  public record Part(URI activityId, Set<SoftwareFamily> audience) {
    public Part {
      Objects.requireNonNull(activityId, "activityId");
      audience = audience == null || audience.isEmpty() ? EVERYONE : Set.copyOf(audience);
    }

    public boolean forEveryone() {
      return audience.containsAll(EVERYONE);
    }
  }

  private static final Set<SoftwareFamily> EVERYONE = Set.copyOf(EnumSet.allOf(SoftwareFamily.class));

  public DeliveryJob {
    Objects.requireNonNull(activities, "activities");
    Objects.requireNonNull(actorName, "actorName");
    Objects.requireNonNull(inbox, "inbox");
    if (activities.isEmpty()) {
      throw new IllegalArgumentException("a delivery job carries at least one activity");
    }
    activities = List.copyOf(activities);
  }

  /** One activity for every server. */
  public DeliveryJob(URI activityId, String actorName, URI inbox) {
    this(List.of(new Part(activityId, EVERYONE)), actorName, inbox);
  }

  /** The first activity (the only one, for most jobs). */
  public URI activityId() {
    return activities.get(0).activityId();
  }

  /** Whether every activity goes to every server (no need to know the receiving software). */
  public boolean sameForEveryone() {
    return activities.stream().allMatch(Part::forEveryone);
  }

  /** The activities a server of that family gets, in order. */
  public List<URI> activitiesFor(SoftwareFamily family) {
    return activities.stream().filter(p -> p.audience().contains(family)).map(Part::activityId).toList();
  }

  public byte[] encode() {
    JsonObject json = new JsonObject()
        .put("activity", activityId().toString())
        .put("actor", actorName)
        .put("inbox", inbox.toString());
    if (activities.size() > 1 || !sameForEveryone()) {
      JsonArray set = new JsonArray();
      for (Part p : activities) {
        JsonArray audience = new JsonArray();
        for (SoftwareFamily f : SoftwareFamily.values()) {
          if (p.audience().contains(f)) {
            audience.add(f.id());
          }
        }
        set.add(new JsonObject().put("id", p.activityId().toString()).put("for", audience));
      }
      json.put("set", set);
    }
    return json.toBuffer().getBytes();
  }

  /** Decodes a payload; throws {@link IllegalArgumentException} when it is not one of ours. */
  public static DeliveryJob decode(byte[] payload) {
    try {
      JsonObject json = new JsonObject(Buffer.buffer(payload));
      String actor = json.getString("actor");
      URI inbox = URI.create(json.getString("inbox"));
      JsonArray set = json.getJsonArray("set");
      if (set == null) {
        return new DeliveryJob(URI.create(json.getString("activity")), actor, inbox);
      }
      List<Part> parts = new ArrayList<>();
      for (int i = 0; i < set.size(); i++) {
        JsonObject p = set.getJsonObject(i);
        Set<SoftwareFamily> audience = EnumSet.noneOf(SoftwareFamily.class);
        for (Object f : p.getJsonArray("for")) {
          audience.add(SoftwareFamily.fromId((String) f));
        }
        parts.add(new Part(URI.create(p.getString("id")), audience));
      }
      return new DeliveryJob(parts, actor, inbox);
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a delivery job payload", e);
    }
  }

  /** The inbox's {@code host[:port]}, lower case: the unit of concurrency limits and host health. */
  public String host() {
    return hostOf(inbox);
  }

  public static String hostOf(URI uri) {
    return Hosts.of(uri);
  }
}
