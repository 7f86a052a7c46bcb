package org.coordo.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that builds (and parses back) the URLs of this node's protocol resources.
 *
 * <pre>
 * /actor                          the instance actor (Application), signs outbound fetches
 * /actor/outbox                   its outbox (always empty); its inbox is the shared inbox
 * /inbox                          the shared inbox
 * /actors/{name}                  a local actor (Group or Person); key id: /actors/{name}#main-key
 * /actors/{name}/inbox            its inbox
 * /actors/{name}/outbox           its outbox (OrderedCollection, paged)
 * /actors/{name}/followers        followers, following, featured: likewise
 * /activities/{id}                an activity published here
 * </pre>
 *
 * Objects owned by the server (calls, minutes, events) get their URLs from the server.
 *
 * <p>It also holds the one reading of a URL from untrusted text ({@link #parseHttp}, {@link #isHttp},
 * {@link #withoutFragment}) and of a local actor URL back to its name ({@link #localActorName(String)},
 * the inverse of {@link #actor(String)}). Whether two URLs share an origin is an identity rule: see
 * {@link Ownership#sameOrigin(URI, URI)}.
 */
public final class Uris {
  public static final String INSTANCE_ACTOR_NAME = "coordo.instance";
  private static final Pattern ACTOR_PATH = Pattern.compile("^/actors/([a-z0-9_][a-z0-9_.-]{0,63})$");

  private final String base;

  public Uris(URI publicUrl) {
    String s = publicUrl.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public String base() {
    return base;
  }

  public URI instanceActor() {
    return URI.create(base + "/actor");
  }

  public URI instanceActorKey() {
    return URI.create(base + "/actor#main-key");
  }

  public URI instanceActorOutbox() {
    return URI.create(base + "/actor/outbox");
  }

  public URI sharedInbox() {
    return URI.create(base + "/inbox");
  }

  public URI actor(String name) {
    return URI.create(base + "/actors/" + name);
  }

  public URI actorKey(String name) {
    return URI.create(base + "/actors/" + name + "#main-key");
  }

  public URI inbox(String name) {
    return URI.create(base + "/actors/" + name + "/inbox");
  }

  public URI outbox(String name) {
    return URI.create(base + "/actors/" + name + "/outbox");
  }

  public URI followers(String name) {
    return URI.create(base + "/actors/" + name + "/followers");
  }

  public URI following(String name) {
    return URI.create(base + "/actors/" + name + "/following");
  }

  public URI featured(String name) {
    return URI.create(base + "/actors/" + name + "/featured");
  }

  public URI activity(String id) {
    return URI.create(base + "/activities/" + id);
  }

  /** Whether the URI points at this node. */
  public boolean isLocal(URI uri) {
    String s = uri.toString();
    return s.equals(base) || s.startsWith(base + "/") || s.startsWith(base + "#") || s.startsWith(base + "?");
  }

  /**
   * The local actor name of an actor URL of this node given as text (an activity's {@code object}, an
   * address in {@code to}): the inverse of {@link #actor(String)}, as {@link #localActorName(URI)}; empty
   * for anything else, garbage and relative references included.
   */
  public Optional<String> localActorName(String id) {
    return parse(id).filter(URI::isAbsolute).flatMap(this::localActorName);
  }

  /**
   * The local actor whose followers collection ({@link #followers(String)}) an id of this node given as text
   * names; empty for anything else, garbage included.
   */
  public Optional<String> localFollowersOwner(String id) {
    Optional<URI> uri = parse(id).filter(u -> u.isAbsolute() && isLocal(u));
    String prefix = base + "/actors/";
    String s = uri.map(URI::toString).orElse("");
    if (s.startsWith(prefix) && s.endsWith("/followers") && s.length() > prefix.length() + "/followers".length()) {
      String name = s.substring(prefix.length(), s.length() - "/followers".length());
      return isValidActorName(name) ? Optional.of(name) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The local actor name of an actor URI of this node ({@code /actors/{name}}), if it is one. */
  public Optional<String> localActorName(URI uri) {
    if (!isLocal(uri) || uri.getRawPath() == null) {
      return Optional.empty();
    }
    if (uri.getRawPath().equals("/actor")) {
      return Optional.of(INSTANCE_ACTOR_NAME);
    }
    Matcher m = ACTOR_PATH.matcher(uri.getRawPath());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * An absolute {@code http} or {@code https} URL (scheme in any case) with a host, read from untrusted
   * text (a document's id, a key id, an outbox page); empty for null, garbage, relative or opaque
   * references, other schemes, and hosts {@link URI} cannot read (a raw, non-punycode IDN). User info is
   * kept: who refuses it (fetches, pages) says so.
   */
  public static Optional<URI> parseHttp(String text) {
    return parse(text).filter(Uris::isHttp);
  }

  /** Whether the URI is absolute, {@code http} or {@code https} (any case), with a host. */
  public static boolean isHttp(URI uri) {
    if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }

  /** The URL without its fragment ({@code …/alice#main-key} is {@code …/alice}). */
  public static URI withoutFragment(URI uri) {
    if (uri.getRawFragment() == null) {
      return uri;
    }
    String s = uri.toString();
    return URI.create(s.substring(0, s.indexOf('#')));
  }

  /** Any URI reference read from untrusted text; empty for null and garbage (no exception). */
  public static Optional<URI> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(text));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Whether a name may be used for a local actor: lower-case letters, digits, '_', '.', '-'. */
  public static boolean isValidActorName(String name) {
    return name != null && name.matches("[a-z0-9_][a-z0-9_.-]{0,63}") && !name.equals(INSTANCE_ACTOR_NAME);
  }
}
