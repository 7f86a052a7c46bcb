package org.coordo.federation;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.coordo.federation.vocab.As;

/**
 * Who may speak for what: the one place of the identity and ownership rules, as small pure checks
 * (in the manner of activitypub-federation-rust's {@code verify_domains_match} and
 * {@code verify_is_remote_object}). The inbox, the remote fetches and every server listener call these
 * instead of comparing origins themselves.
 *
 * <ul>
 *   <li><b>Origins</b> ({@link #sameOrigin(URI, URI)}): scheme, host (any case) and effective port. The
 *       one implementation, here rather than in {@link Uris} because it is the first identity rule every
 *       other one builds on, and {@link Uris} is about this node's own URLs; the inbox, the fetches, the
 *       server's listeners and its browser {@code Origin} check all call it.
 *   <li><b>Identity of a fetched document</b> ({@link #requireIdOfOrigin}): its {@code id} shares the
 *       origin of the URL that finally answered, after redirects. A document never speaks for another
 *       origin than the one that served it.
 *   <li><b>Authorship</b> ({@link #mayAuthor}, {@link #isNamedAuthor}): an object belongs to the actors it
 *       names in {@code attributedTo} and {@code actor}; an actor document belongs to itself. A signed
 *       {@code Create} / {@code Update} speaks only for its signer's own objects. The origin is a
 *       necessary condition, never a sufficient one: two actors of one server do not own each other's
 *       objects.
 *   <li><b>Ownership of what is stored</b> ({@link #isOwner}): what was stored as an actor's is updated,
 *       deleted or tombstoned by that actor only.
 *   <li><b>Deletes seen before the create</b> ({@link #tombstoneApplies}): count only against a create by
 *       the same actor, or of an object that names the deleter as author.
 * </ul>
 */
public final class Ownership {
  private Ownership() {}

  /** Whether two URLs share scheme, host and port (the default port when none is written). */
  public static boolean sameOrigin(URI a, URI b) {
    if (a == null || b == null || a.getScheme() == null || b.getScheme() == null || a.getHost() == null
        || b.getHost() == null) {
      return false;
    }
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  /** {@link #sameOrigin(URI, URI)} of two URL strings; false when either does not parse. */
  public static boolean sameOrigin(String a, String b) {
    return Uris.parse(b).map(parsed -> sameOrigin(a, parsed)).orElse(false);
  }

  /** {@link #sameOrigin(URI, URI)} of a URL string (false when it does not parse) and a URI. */
  public static boolean sameOrigin(String a, URI b) {
    return Uris.parse(a).map(parsed -> sameOrigin(parsed, b)).orElse(false);
  }

  /**
   * The id of a document fetched by an HTTP GET, checked against the URL that answered after redirects:
   * an absolute http(s) URL of the same origin, or a 502 naming both.
   */
  public static URI requireIdOfOrigin(JsonObject document, URI finalUrl) {
    String idText = document.getValue("id") instanceof String s ? s : null;
    if (idText == null) {
      throw new FederationException(502, "the document at " + finalUrl + " has no id");
    }
    URI id = Uris.parseHttp(idText)
        .orElseThrow(() -> new FederationException(502, "the document at " + finalUrl + " has an invalid id"));
    if (!sameOrigin(id, finalUrl)) {
      throw new FederationException(502, "the document id " + id + " is not of the origin that served it ("
          + finalUrl + ")");
    }
    return id;
  }

  /** The actors an object names as its authors: {@code attributedTo} and {@code actor} (ids, in order). */
  public static Set<String> authorsOf(JsonObject object) {
    Set<String> out = new LinkedHashSet<>();
    if (object != null) {
      out.addAll(As.idsOf(object, "attributedTo"));
      out.addAll(As.idsOf(object, "actor"));
    }
    return out;
  }

  /**
   * Whether {@code actor} names itself among the object's authors, or is the object (an actor document).
   * What a collective vouches for, e.g. in its FEP-1b12 announces, must pass this.
   */
  public static boolean isNamedAuthor(JsonObject object, URI actor) {
    if (object == null || actor == null) {
      return false;
    }
    String self = actor.toString();
    return self.equals(object.getValue("id")) || authorsOf(object).contains(self);
  }

  /**
   * Whether the signer of a {@code Create} / {@code Update} may send this object as its own: it is among
   * the named authors, or the object names no author at all (it is then taken as the signer's, and only
   * the signer's).
   */
  public static boolean mayAuthor(JsonObject object, URI signer) {
    return object != null && (authorsOf(object).isEmpty() || isNamedAuthor(object, signer));
  }

  /** Whether {@code actor} may update or delete what is stored as {@code ownerId}'s. */
  public static boolean isOwner(String ownerId, URI actor) {
    return actor != null && isOwner(ownerId, actor.toString());
  }

  /** {@link #isOwner(String, URI)} with the actor id as text. */
  public static boolean isOwner(String ownerId, String actorId) {
    return ownerId != null && ownerId.equals(actorId);
  }

  /**
   * Whether a Delete sent earlier by {@code deleter} makes a later Create, signed by {@code creator}, a
   * no-op: only when the deleter is that creator, or an author the created object names. Another actor's
   * delete of an id not yet seen blocks nothing.
   *
   * @param object the created object when embedded, else null
   */
  public static boolean tombstoneApplies(URI deleter, URI creator, JsonObject object) {
    if (deleter == null) {
      return false;
    }
    return deleter.equals(creator) || (object != null && authorsOf(object).contains(deleter.toString()));
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
