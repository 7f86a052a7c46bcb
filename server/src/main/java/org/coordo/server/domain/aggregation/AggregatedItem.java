package org.coordo.server.domain.aggregation;

import java.time.Instant;
import java.util.Objects;
import org.coordo.server.domain.publication.ActionDay;

/**
 * A publication received from a followed collective (a remote {@code Group}), stored once by its
 * ActivityPub id whatever path it came by (Create, Announce, outbox backfill).
 *
 * @param id the object's ActivityPub id
 * @param kind call, minutes or event
 * @param city the collective's short name (its {@code preferredUsername}, lower case): the city filter
 * @param cityName the collective's display name
 * @param host the collective's host (with port when not default)
 * @param groupId the collective's actor id
 * @param name title, plain text
 * @param summary plain text, or null
 * @param contentHtml sanitised HTML (may be empty)
 * @param url the page to open (the id when the sender gave none)
 * @param published first publication
 * @param updated last change, or null
 * @param sequence revision: 0 when first stored, +1 on each change (iCalendar {@code SEQUENCE})
 * @param event the event part, null unless {@code kind == EVENT}
 * @param receivedAt when this node stored it first
 * @param actionDay for a call that is a day of action, its days and theme; else null (issue 17)
 */
public record AggregatedItem(
    String id,
    AggregatedKind kind,
    String city,
    String cityName,
    String host,
    String groupId,
    String name,
    String summary,
    String contentHtml,
    String url,
    Instant published,
    Instant updated,
    int sequence,
    AggregatedEvent event,
    Instant receivedAt,
    ActionDay actionDay) {

  public AggregatedItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(published, "published");
    if (kind == AggregatedKind.EVENT) {
      Objects.requireNonNull(event, "event");
    }
    contentHtml = contentHtml == null ? "" : contentHtml;
    if (kind != AggregatedKind.CALL) {
      actionDay = null;
    }
  }

  /** An item that is no day of action (every item stored before issue 17). */
  public AggregatedItem(String id, AggregatedKind kind, String city, String cityName, String host, String groupId,
      String name, String summary, String contentHtml, String url, Instant published, Instant updated, int sequence,
      AggregatedEvent event, Instant receivedAt) {
    this(id, kind, city, cityName, host, groupId, name, summary, contentHtml, url, published, updated, sequence, event,
        receivedAt, null);
  }

  /** The same item with another sequence and first-received time. */
  public AggregatedItem withBookkeeping(int newSequence, Instant firstReceived) {
    return new AggregatedItem(id, kind, city, cityName, host, groupId, name, summary, contentHtml, url,
        published, updated, newSequence, event, firstReceived, actionDay);
  }

  /** Whether the content differs (everything but the sequence and the reception time). */
  public boolean sameContentAs(AggregatedItem other) {
    return other != null && withBookkeeping(0, Instant.EPOCH).equals(other.withBookkeeping(0, Instant.EPOCH));
  }

  /** The last change: {@code updated} when later than {@code published}. */
  public Instant lastChange() {
    return updated != null && updated.isAfter(published) ? updated : published;
  }
}
