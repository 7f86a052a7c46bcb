package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.spi.ServedObject;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.SignatoriesAsConverter;
import org.coordo.server.data.cosign.CoSignRepository;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.Visibility;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.publication.PublicationRepository;

/**
 * Serves our publications by id ({@code /collectives/{name}/{calls|minutes|events}/{id}}) to
 * federation, under the one {@link Visibility} rule as the public sees it: a published one as its
 * ActivityStreams document, a deleted one as its {@code Tombstone} (410), a draft not at all (404,
 * like an unknown id). Browsers asking for the same paths get the server's page route.
 */
public final class PublicationObjectDispatcher implements ObjectDispatcher {
  private static final List<String> PATHS = Arrays.stream(PublicationKind.values())
      .map(kind -> "/collectives/{name}/" + kind.segment() + "/{id}").toList();
  private static final String NOT_FOUND = "publication not found";

  private final StoreCalls storage;
  private final PublicationRepository publications;
  private final PublicationAsConverter as;
  private final CoSignRepository cosign;

  /** Reads only: built before the federation it is registered with (and before publishing's services). */
  public PublicationObjectDispatcher(StoreCalls storage, PublicationRepository publications, PublicationAsConverter as) {
    this(storage, publications, as, null);
  }

  /** With a call's signatories embedded in its document (co-signed calls, issue 17), when {@code cosign} is given. */
  public PublicationObjectDispatcher(StoreCalls storage, PublicationRepository publications, PublicationAsConverter as,
      CoSignRepository cosign) {
    this.storage = storage;
    this.publications = publications;
    this.as = as;
    this.cosign = cosign;
  }

  @Override
  public List<String> paths() {
    return PATHS;
  }

  @Override
  public Future<Optional<ServedObject>> find(URI id) {
    if (invalidCollective(id)) {
      return Future.failedFuture(FederationException.notFound("collective not found"));
    }
    var key = as.uris().parseObject(id == null ? null : id.toString());
    if (key.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return storage.call(store -> publications.find(key.get()).flatMap(this::served).map(served -> {
      if (cosign != null && key.get().kind() == PublicationKind.CALL && served.status() == 200) {
        cosign.findCall(as.uris().object(key.get()).toString())
            .ifPresent(r -> SignatoriesAsConverter.withSignatories(served.document(), r.view().publicView()));
      }
      return served;
    }));
  }

  @Override
  public String notFoundMessage() {
    return NOT_FOUND;
  }

  private Optional<ServedObject> served(Publication p) {
    return switch (Visibility.toPublic(p)) {
      case SHOWN -> Optional.of(ServedObject.found(as.toDocument(p)));
      case GONE -> Optional.of(ServedObject.gone(as.toDocument(p)));
      case HIDDEN -> Optional.empty();
    };
  }

  /** A path under {@code /collectives/} whose collective is no actor name: "collective", as the API says. */
  private static boolean invalidCollective(URI id) {
    String path = id == null ? null : id.getPath();
    if (path == null || !path.startsWith("/collectives/")) {
      return false;
    }
    String[] segments = path.split("/", -1);
    return segments.length > 2 && !Uris.isValidActorName(segments[2]);
  }
}
