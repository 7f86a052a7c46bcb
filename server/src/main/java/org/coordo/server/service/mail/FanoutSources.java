package org.coordo.server.service.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.convert.MailItem;
import org.coordo.server.convert.MailItemConverter;
import org.coordo.server.data.account.CollectiveRepository;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.domain.account.Collective;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.Visibility;

/**
 * What fan-out jobs read (store code): the publication a ref names, only while it is public ({@link
 * Visibility#toPublic}, the one rule), the names of scopes, and a scope's publications of a week. On a
 * national node the national group's scope also holds what the node aggregates from the cities.
 */
public final class FanoutSources {
  /** How many publications of each kind a digest reads at most. */
  static final int WEEK_MAX = 100;
  /** How many aggregated items a national digest reads at most. */
  static final int NATIONAL_WEEK_MAX = 500;

  private final PublicationRepository publications;
  private final AggregationRepository aggregation;
  private final CollectiveRepository collectives;
  private final MailItemConverter items;
  private final String nationalGroup;

  /**
   * @param aggregation the national node's aggregated items, or null on a city node
   * @param nationalGroup the national group's name, or null on a city node
   */
  public FanoutSources(PublicationRepository publications, AggregationRepository aggregation,
      CollectiveRepository collectives, MailItemConverter items, String nationalGroup) {
    this.publications = publications;
    this.aggregation = aggregation;
    this.collectives = collectives;
    this.items = items;
    this.nationalGroup = nationalGroup;
  }

  /** The display name of a scope (a collective of this node), else its name. */
  public String scopeName(String scope) {
    return collectives.find(scope).map(Collective::displayName).filter(n -> !n.isBlank()).orElse(scope);
  }

  /** Every scope that may have subscribers: the node's collectives (the national group among them). */
  public List<String> scopes() {
    return collectives.list().stream().map(Collective::name).toList();
  }

  /** What {@code ref} names, if it is (still) public. */
  public Optional<MailItem> publicItem(String ref) {
    if (ref.startsWith("pub:")) {
      PublicationKey key;
      try {
        key = PublicationKey.parsePath(ref.substring(4));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      return publications.find(key).filter(p -> Visibility.toPublic(p) == Visibility.SHOWN).map(items::toItem);
    }
    if (ref.startsWith("agg:") && aggregation != null) {
      return aggregation.find(ref.substring(4)).map(items::toItem);
    }
    return Optional.empty();
  }

  /** The public publications of {@code scope} published in {@code [from, to)}. */
  public List<MailItem> week(String scope, Instant from, Instant to) {
    List<MailItem> out = new ArrayList<>();
    for (PublicationKind kind : List.of(PublicationKind.CALL, PublicationKind.MINUTES)) {
      for (Publication p : publications.list(scope, kind, false, null, WEEK_MAX).items()) {
        if (inWeek(p, from, to)) {
          out.add(items.toItem(p));
        }
      }
    }
    // Events are listed by start time: those published this week start after it began.
    for (Publication p : publications.upcoming(scope, from, null, WEEK_MAX).items()) {
      if (inWeek(p, from, to)) {
        out.add(items.toItem(p));
      }
    }
    if (aggregation != null && scope.equals(nationalGroup)) {
      for (AggregatedItem i : aggregation.latest(null, null, null, NATIONAL_WEEK_MAX).items()) {
        if (!i.published().isBefore(from) && i.published().isBefore(to)) {
          out.add(items.toItem(i));
        }
      }
    }
    return out;
  }

  private static boolean inWeek(Publication p, Instant from, Instant to) {
    return Visibility.toPublic(p) == Visibility.SHOWN && p.publishedAt() != null
        && !p.publishedAt().isBefore(from) && p.publishedAt().isBefore(to);
  }
}
