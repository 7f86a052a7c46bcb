package org.coordo.server.feeds;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.cosign.CoSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signatories of the calls in a feed (issue 17), read in one look-up, as the call's page lists
 * them: the author, then the others. A feed never fails for them: when they cannot be read, the
 * items go out without the line (and a server failure is logged).
 */
public final class FeedSignatories {
  private static final Logger LOG = LoggerFactory.getLogger(FeedSignatories.class);

  private final CoSigning cosigning;
  private final PublicationUris uris;

  /** @param cosigning the service, or null on a node without it (then no item has the line) */
  public FeedSignatories(CoSigning cosigning, PublicationUris uris) {
    this.cosigning = cosigning;
    this.uris = uris;
  }

  /** The signatories of the public calls among {@code items}, by call id (URI); calls with none are absent. */
  public Future<Map<String, List<Signatory>>> of(List<Publication> items) {
    List<String> calls = items.stream().filter(p -> p.kind() == PublicationKind.CALL && p.isPublic())
        .map(p -> uris.object(p.key()).toString()).toList();
    if (cosigning == null || calls.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return cosigning.signatoriesOfAll(calls).map(found -> {
      Map<String, List<Signatory>> out = new HashMap<>();
      found.forEach((call, s) -> out.put(call, everyone(s)));
      return out;
    }).recover(e -> {
      LOG.warn("feed without signatories: {}", e.toString());
      return Future.succeededFuture(Map.of());
    });
  }

  private static List<Signatory> everyone(CallSignatories s) {
    List<Signatory> all = new ArrayList<>();
    if (s.author() != null) {
      all.add(s.author());
    }
    all.addAll(s.publicView().signatories());
    return all;
  }
}
