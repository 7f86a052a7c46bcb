package org.coordo.federation.remote;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import org.coordo.federation.FederationException;
import org.coordo.federation.vocab.As;

/**
 * Pure checks that turn a fetched JSON document into a {@link RemoteActor}. Every failure is a
 * {@link FederationException} with a message naming what was wrong (safe to log and to show).
 */
public final class RemoteActorDocuments {
  private RemoteActorDocuments() {}

  /**
   * Validates an actor document fetched from {@code requested}, answered at {@code finalUrl} (after
   * redirects): its {@code id} must equal one of them or share the final URL's origin; its type must be
   * an actor type; {@code inbox} must be an absolute http(s) URL; a {@code publicKey} with
   * {@code owner == id} and a PEM must be present.
   */
  public static RemoteActor toRemoteActor(URI requested, URI finalUrl, JsonObject doc) {
    String idText = doc.getValue("id") instanceof String s ? s : null;
    if (idText == null) {
      throw bad("the actor document has no id");
    }
    URI id = parseHttp(idText, "id");
    if (!id.equals(requested) && !id.equals(finalUrl) && !sameOrigin(id, finalUrl)) {
      throw bad("the actor document id " + id + " does not match where it was fetched from (" + finalUrl + ")");
    }
    String type = As.typeOf(doc);
    if (type == null || !RemoteActor.ACTOR_TYPES.contains(type)) {
      throw bad("not an actor (type " + type + ")");
    }
    Object inboxRef = doc.getValue("inbox");
    String inboxText = As.idOf(inboxRef);
    if (inboxText == null) {
      throw bad("the actor has no inbox");
    }
    URI inbox = parseHttp(inboxText, "inbox");
    URI sharedInbox = null;
    if (doc.getValue("endpoints") instanceof JsonObject endpoints) {
      String shared = As.idOf(endpoints.getValue("sharedInbox"));
      if (shared != null) {
        sharedInbox = parseHttp(shared, "endpoints.sharedInbox");
      }
    }
    JsonObject key = null;
    for (Object o : As.oneOrMany(doc, "publicKey")) {
      if (o instanceof JsonObject k && id.toString().equals(As.idOf(k.getValue("owner")))
          && k.getValue("publicKeyPem") instanceof String && k.getValue("id") instanceof String) {
        key = k;
        break;
      }
    }
    if (key == null) {
      boolean anyKey = !As.oneOrMany(doc, "publicKey").isEmpty();
      throw bad(anyKey ? "the actor's publicKey.owner is not the actor id" : "the actor has no publicKey");
    }
    String preferredUsername = doc.getValue("preferredUsername") instanceof String u ? u : null;
    return new RemoteActor(id, type, preferredUsername, inbox, sharedInbox, key.getString("id"),
        key.getString("publicKeyPem"), doc);
  }

  /** Whether two URLs share scheme, host and port. */
  public static boolean sameOrigin(URI a, URI b) {
    if (a == null || b == null || a.getScheme() == null || b.getScheme() == null || a.getHost() == null
        || b.getHost() == null) {
      return false;
    }
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  /** An absolute http(s) URL with a host, or a 400 naming the property. */
  public static URI parseHttp(String text, String what) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (Exception e) {
      throw bad(what + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw bad(what + " must be an absolute http(s) URL");
    }
    return uri;
  }

  /** The URL without its fragment. */
  public static URI withoutFragment(URI uri) {
    if (uri.getRawFragment() == null) {
      return uri;
    }
    String s = uri.toString();
    return URI.create(s.substring(0, s.indexOf('#')));
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static FederationException bad(String message) {
    return new FederationException(502, "invalid remote actor: " + message);
  }
}
