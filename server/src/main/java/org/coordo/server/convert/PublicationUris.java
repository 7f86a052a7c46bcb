package org.coordo.server.convert;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.federation.Uris;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;

/**
 * The URLs of collective publications on this node (federation's {@link Uris} builds the protocol
 * ones: actors, inboxes, activities).
 *
 * <pre>
 * /collectives/{name}/{calls|minutes|events}/{id}   a publication (AS JSON or HTML by Accept)
 * /collectives/{name}/{…}/{id}/replies             its approved replies (OrderedCollection)
 * /collectives/{name}/{calls|minutes}              paged collection of published calls / minutes
 * /collectives/{name}/upcoming-events              upcomingEvents (OrderedCollection by startTime)
 * /media/{sha256}.{ext}                            an attachment
 * </pre>
 */
public final class PublicationUris {
  private static final Pattern OBJECT_PATH =
      Pattern.compile("^/collectives/([a-z0-9_][a-z0-9_.-]{0,63})/(calls|minutes|events)/([0-9a-z]{1,64})$");

  private final Uris uris;

  public PublicationUris(Uris uris) {
    this.uris = uris;
  }

  public Uris protocol() {
    return uris;
  }

  public URI object(PublicationKey key) {
    return URI.create(uris.base() + "/collectives/" + key.collective() + "/" + key.kind().segment() + "/" + key.id());
  }

  public URI replies(PublicationKey key) {
    return URI.create(object(key) + "/replies");
  }

  /** A call's {@code signatories} collection (co-signed calls, issue 17). */
  public URI signatories(PublicationKey key) {
    return URI.create(object(key) + "/signatories");
  }

  public URI collection(String collective, PublicationKind kind) {
    return URI.create(uris.base() + "/collectives/" + collective + "/" + kind.segment());
  }

  public URI upcomingEvents(String collective) {
    return URI.create(uris.base() + "/collectives/" + collective + "/upcoming-events");
  }

  public URI media(MediaRef ref) {
    return URI.create(uris.base() + "/media/" + ref.fileName());
  }

  public URI group(String collective) {
    return uris.actor(collective);
  }

  public URI person(String name) {
    return uris.actor(name);
  }

  public URI followers(String collective) {
    return uris.followers(collective);
  }

  /** The publication an id of this node names, if it is one of ours. */
  public Optional<PublicationKey> parseObject(String id) {
    URI uri = Uris.parse(id).orElse(null);
    if (uri == null || !uris.isLocal(uri) || uri.getRawPath() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.empty();
    }
    Matcher m = OBJECT_PATH.matcher(uri.getRawPath());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new PublicationKey(m.group(1), PublicationKind.fromSegment(m.group(2)).orElseThrow(), m.group(3)));
  }
}
