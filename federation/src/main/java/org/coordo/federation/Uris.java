package org.coordo.federation;

import java.net.URI;
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

  /** Whether a name may be used for a local actor: lower-case letters, digits, '_', '.', '-'. */
  public static boolean isValidActorName(String name) {
    return name != null && name.matches("[a-z0-9_][a-z0-9_.-]{0,63}") && !name.equals(INSTANCE_ACTOR_NAME);
  }
}
