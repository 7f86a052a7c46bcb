package org.coordo.server.service.cosign;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.federation.vocab.As;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.error.NodeError;
import org.coordo.server.text.PlainText;
import org.coordo.server.text.SafeUrls;

/**
 * The activity shapes of co-signing (docs/FEDIVERSE-MAPPING.md, "Co-signed calls"): how they are
 * built and how a received one is read and checked. Pure functions; a shape that does not hold is
 * answered with {@link Optional#empty()} (the listener then changes nothing) or a {@link NodeError}.
 */
public final class CoSignActivities {
  /** Longest signatory name kept from a remote document (longer ones are cut). */
  public static final int MAX_REMOTE_NAME = 200;
  /** Most signatories read from a remote collection (the rest is ignored). */
  public static final int MAX_REMOTE_ITEMS = 1000;

  private CoSignActivities() {}

  /** A received {@code Invite}: the call, its signatories collection, the inviting actor. */
  public record InviteShape(String id, URI call, URI collection, URI actor) {}

  /** A received {@code Add} / {@code Remove}: who, to or from which collection. */
  public record ChangeShape(String id, URI object, URI target, URI actor) {}

  // --- Building

  public static JsonObject invite(String id, String call, String collection, String invited) {
    return new JsonObject().put("id", id).put("type", "Invite").put("object", call).put("target", collection)
        .put("to", new JsonArray().add(invited));
  }

  /** The answer to an Invite ({@code Accept} or {@code Reject}), the Invite embedded as received. */
  public static JsonObject answer(String id, String type, JsonObject invite, String inviter) {
    return new JsonObject().put("id", id).put("type", type).put("object", invite)
        .put("to", new JsonArray().add(inviter));
  }

  /** The co-signer's boost of the call to its followers (and the author). */
  public static JsonObject announce(String id, String call, String followers, String author) {
    return new JsonObject().put("id", id).put("type", "Announce").put("object", call)
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(followers).add(author));
  }

  /** {@code Add} or {@code Remove} of {@code object} to/from the collection, to {@code to} and {@code cc}. */
  public static JsonObject change(String type, String object, String collection, List<String> to, List<String> cc) {
    return new JsonObject().put("type", type).put("object", object).put("target", collection)
        .put("to", new JsonArray(new ArrayList<>(to))).put("cc", new JsonArray(new ArrayList<>(cc)));
  }

  public static JsonObject undo(JsonObject original, List<String> to, List<String> cc) {
    JsonObject embedded = original.copy();
    embedded.remove("@context");
    return new JsonObject().put("type", "Undo").put("object", embedded)
        .put("to", new JsonArray(new ArrayList<>(to))).put("cc", new JsonArray(new ArrayList<>(cc)));
  }

  // --- Reading

  /**
   * An {@code Invite} to co-sign: {@code object} (the call) and {@code target} (its signatories
   * collection) are http(s) URLs of the inviting actor's own origin, and the activity has an id.
   */
  public static Optional<InviteShape> readInvite(JsonObject activity, URI actor) {
    if (activity == null || actor == null || !"Invite".equals(As.typeOf(activity))) {
      return Optional.empty();
    }
    String id = activity.getString("id");
    Optional<URI> call = Uris.parseHttp(As.idOf(activity.getValue("object")));
    Optional<URI> collection = Uris.parseHttp(As.idOf(activity.getValue("target")));
    if (id == null || call.isEmpty() || collection.isEmpty() || call.get().equals(collection.get())
        || !Ownership.sameOrigin(call.get(), actor) || !Ownership.sameOrigin(collection.get(), actor)) {
      return Optional.empty();
    }
    return Optional.of(new InviteShape(id, call.get(), collection.get(), actor));
  }

  /** The id of the Invite an {@code Accept} / {@code Reject} answers (bare or embedded), if any. */
  public static Optional<String> answeredInvite(JsonObject activity) {
    if (activity == null) {
      return Optional.empty();
    }
    Object object = activity.getValue("object");
    if (object instanceof JsonObject embedded && embedded.getString("type") != null
        && !"Invite".equals(As.typeOf(embedded))) {
      return Optional.empty();
    }
    return Optional.ofNullable(As.idOf(object)).filter(s -> !s.isBlank());
  }

  /** An {@code Add} / {@code Remove} with an actor id as object and a collection id as target. */
  public static Optional<ChangeShape> readChange(JsonObject activity, URI actor) {
    String type = activity == null ? null : As.typeOf(activity);
    if (actor == null || !("Add".equals(type) || "Remove".equals(type))) {
      return Optional.empty();
    }
    Optional<URI> object = Uris.parseHttp(As.idOf(activity.getValue("object")));
    Optional<URI> target = Uris.parseHttp(As.idOf(activity.getValue("target")));
    if (object.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChangeShape(activity.getString("id"), object.get(), target.get(), actor));
  }

  /**
   * Whether an {@code Add}/{@code Remove} of a remote call's collection may be applied here: sent by
   * the call's author, whose origin the collection is on (a third party is refused).
   */
  public static boolean fromCollectionOwner(ChangeShape change, String author) {
    return author != null && author.equals(change.actor().toString())
        && Ownership.sameOrigin(change.target(), change.actor());
  }

  /** Whether a {@code Remove} sent to the author's node is a signatory withdrawing itself. */
  public static boolean selfRemoval(ChangeShape change) {
    return change.object().equals(change.actor());
  }

  /**
   * The items of a signatories collection page as the call's origin serves them: an object with an
   * id is a fediverse signatory (its name as given, its url or id as link), one without is a plain
   * text one ({@code name} required); bare ids are kept with the id as name. Names are plain text,
   * cut at {@link #MAX_REMOTE_NAME}; links only http(s). At most {@link #MAX_REMOTE_ITEMS}.
   */
  public static List<Signatory> readItems(List<Object> items, Instant at) {
    List<Signatory> out = new ArrayList<>();
    for (Object item : items) {
      if (out.size() >= MAX_REMOTE_ITEMS) {
        break;
      }
      readItem(item, at).ifPresent(out::add);
    }
    return out;
  }

  static Optional<Signatory> readItem(Object item, Instant at) {
    if (item instanceof String id) {
      return Uris.parseHttp(id).map(u -> Signatory.federated(id, id, null, id, at, null));
    }
    if (!(item instanceof JsonObject o)) {
      return Optional.empty();
    }
    String name = cleanName(o.getValue("name") instanceof String s ? s : null);
    String id = o.getValue("id") instanceof String s ? s : null;
    String url = SafeUrls.http(As.idOf(o.getValue("url"))).orElse(null);
    if (id != null) {
      if (Uris.parseHttp(id).isEmpty()) {
        return Optional.empty();
      }
      String handle = handleOf(o.getString("preferredUsername"), id);
      return Optional.of(Signatory.federated(id, name == null ? id : name, handle, url == null ? id : url,
          time(o.getString("published")).orElse(at), null));
    }
    return name == null ? Optional.empty() : Optional.of(Signatory.text(new TextSignatory(name, url), at));
  }

  /**
   * The plain-text signatories as typed, checked: names 1 to {@link TextSignatory#MAX_NAME}
   * characters without control characters, links http(s) or empty, at most {@link
   * TextSignatory#MAX_COUNT}; 422 with one message per field ({@code signatories[i].name}) otherwise.
   */
  public static List<TextSignatory> checkText(List<TextSignatory> typed) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<TextSignatory> out = new ArrayList<>();
    if (typed == null) {
      throw NodeError.invalid("signatories", "required");
    }
    if (typed.size() > TextSignatory.MAX_COUNT) {
      throw NodeError.invalid("signatories", "at most " + TextSignatory.MAX_COUNT + " names");
    }
    for (int i = 0; i < typed.size(); i++) {
      TextSignatory t = typed.get(i);
      String field = "signatories[" + i + "]";
      String name = t == null || t.name() == null ? "" : t.name().strip();
      if (name.isEmpty()) {
        errors.put(field + ".name", "required");
      } else if (name.length() > TextSignatory.MAX_NAME) {
        errors.put(field + ".name", "at most " + TextSignatory.MAX_NAME + " characters");
      } else if (name.chars().anyMatch(Character::isISOControl)) {
        errors.put(field + ".name", "must not contain control characters");
      }
      String url = t == null || t.url() == null || t.url().isBlank() ? null : t.url().strip();
      if (url != null && !SafeUrls.isHttp(url)) {
        errors.put(field + ".url", "an http(s) link, or nothing");
      }
      out.add(new TextSignatory(name, url == null ? null : SafeUrls.http(url).orElse(null)));
    }
    if (!errors.isEmpty()) {
      throw NodeError.invalid(errors);
    }
    return out;
  }

  /** A remote name as plain text: tags removed, spaces collapsed, cut; null when empty. */
  public static String cleanName(String raw) {
    if (raw == null) {
      return null;
    }
    String text = PlainText.fromHtml(raw).replaceAll("\\p{Cntrl}", " ");
    String cut = PlainText.excerpt(text, MAX_REMOTE_NAME);
    return cut.isBlank() ? null : cut;
  }

  /** {@code name@host[:port]} of an actor id and its preferredUsername, or null. */
  public static String handleOf(String preferredUsername, String actorId) {
    if (preferredUsername == null || preferredUsername.isBlank() || preferredUsername.length() > 100
        || !preferredUsername.matches("[\\p{L}\\p{N}_.\\-]+")) {
      return null;
    }
    return Uris.parseHttp(actorId).map(u -> preferredUsername + "@" + u.getAuthority().toLowerCase(Locale.ROOT))
        .orElse(null);
  }

  private static Optional<Instant> time(String s) {
    try {
      return s == null ? Optional.empty() : Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
