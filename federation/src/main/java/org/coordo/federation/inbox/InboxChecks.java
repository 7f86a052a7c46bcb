package org.coordo.federation.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
import org.coordo.federation.JsonBodies;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.Digests;
import org.coordo.federation.sig.SignedRequest;
import org.coordo.federation.vocab.As;

/** The pure, early checks of the inbox pipeline; each throws a {@link FederationException} with a safe message. */
final class InboxChecks {
  private InboxChecks() {}

  /** 413 above the limit. */
  static void bodyLimit(long length, long max) {
    if (length > max) {
      throw new FederationException(413, "the body is larger than " + max + " bytes");
    }
  }

  /**
   * 415 unless {@code application/activity+json}, {@code application/ld+json} (any profile) or
   * {@code application/json}; parameters are ignored.
   */
  static void contentType(Optional<String> header) {
    String essence = header.map(h -> h.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    if (!essence.equals("application/activity+json") && !essence.equals("application/ld+json")
        && !essence.equals("application/json")) {
      throw new FederationException(415, "unsupported content type " + (essence.isEmpty() ? "(none)" : essence)
          + "; send application/activity+json");
    }
  }

  /**
   * 400 unless the body is one JSON object, in strict UTF-8 and within {@link JsonBodies}' limits of
   * nesting and size.
   */
  static JsonObject parse(byte[] body) {
    try {
      return JsonBodies.object(body);
    } catch (JsonBodies.Invalid e) {
      throw FederationException.badRequest(e.getMessage());
    }
  }

  /**
   * 401 unless a {@code Digest} or {@code Content-Digest} header is present and every one present
   * matches the body.
   */
  static void digest(SignedRequest request) {
    Optional<String> legacy = request.header("digest");
    Optional<String> modern = request.header("content-digest");
    if (legacy.isEmpty() && modern.isEmpty()) {
      throw new FederationException(401, "a Digest or Content-Digest header is required");
    }
    if (legacy.isPresent()) {
      require(Digests.verifyDigest(legacy.get(), request.body()), "Digest");
    }
    if (modern.isPresent()) {
      require(Digests.verifyContentDigest(modern.get(), request.body()), "Content-Digest");
    }
  }

  private static void require(Digests.Check check, String header) {
    switch (check) {
      case MATCH -> { }
      case MISMATCH -> throw new FederationException(401, "the " + header + " header does not match the body");
      case UNSUPPORTED -> throw new FederationException(401, "the " + header + " header uses no algorithm we know (use sha-256)");
      case MALFORMED -> throw new FederationException(401, "the " + header + " header is malformed");
    }
  }

  /** The activity's {@code actor} as an absolute http(s) URL (400 otherwise). */
  static URI actorOf(JsonObject activity) {
    Object actor = activity.getValue("actor");
    if (actor instanceof JsonArray) {
      throw FederationException.badRequest("an activity with several actors is not supported");
    }
    String id = As.idOf(actor);
    if (id == null) {
      throw FederationException.badRequest("the activity has no actor");
    }
    return http(id, "actor");
  }

  /** The activity's {@code id}, absolute http(s) and same origin as the actor (400 otherwise). */
  static URI idOf(JsonObject activity, URI actor) {
    String id = activity.getValue("id") instanceof String s ? s : null;
    if (id == null || id.isBlank()) {
      throw FederationException.badRequest("the activity has no id");
    }
    URI uri = http(id, "id");
    if (!Ownership.sameOrigin(uri, actor)) {
      throw FederationException.badRequest("the activity id and its actor have different origins");
    }
    return uri;
  }

  static URI http(String text, String what) {
    return Uris.parseHttp(text).orElseThrow(
        () -> FederationException.badRequest("the activity's " + what + " must be an absolute http(s) URL"));
  }

  /** Lower-case host of a URL. */
  static String host(URI uri) {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }
}
