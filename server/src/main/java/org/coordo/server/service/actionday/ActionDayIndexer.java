package org.coordo.server.service.actionday;

import org.coordo.server.convert.ActionDayViews;
import org.coordo.server.data.actionday.ActionDayRepository;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.domain.actionday.DayIds;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.service.publication.PublicationWriteListener;
import org.coordo.storage.KvBatch;

/**
 * Keeps the days-of-action index in step with what it indexes, in the batch of each change: this node's
 * public calls with a day and events with a link ({@link PublicationWriteListener}), and received ones
 * ({@link AggregationRepository.WriteListener}). What was indexed for the previous version is removed
 * first, then what the new one says is added (a batch applies in order). Store code.
 */
public final class ActionDayIndexer implements PublicationWriteListener, AggregationRepository.WriteListener {
  private final ActionDayRepository days;
  private final ActionDayViews views;

  public ActionDayIndexer(ActionDayRepository days, ActionDayViews views) {
    this.days = days;
    this.views = views;
  }

  @Override
  public void written(KvBatch batch, Publication next, Publication previous) {
    if (previous != null) {
      String uri = views.uri(previous);
      if (previous.actionDay() != null) {
        days.removeDay(batch, uri, previous.id(), previous.actionDay());
      }
      if (previous.event() != null && previous.event().actionDay() != null) {
        days.removeLink(batch, previous.event().actionDay(), uri);
      }
    }
    if (next != null && next.isPublic()) {
      String uri = views.uri(next);
      if (next.actionDay() != null) {
        days.putDay(batch, uri, next.id(), next.actionDay());
      }
      if (next.event() != null && next.event().actionDay() != null) {
        days.putLink(batch, next.event().actionDay(), uri, true);
      }
    }
  }

  @Override
  public void written(KvBatch batch, AggregatedItem stored, AggregatedItem previous) {
    if (previous != null) {
      if (previous.actionDay() != null) {
        days.removeDay(batch, previous.id(), DayIds.remote(previous.id()), previous.actionDay());
      }
      if (previous.event() != null && previous.event().actionDay() != null) {
        days.removeLink(batch, previous.event().actionDay(), previous.id());
      }
    }
    if (stored != null) {
      if (stored.actionDay() != null) {
        days.putDay(batch, stored.id(), DayIds.remote(stored.id()), stored.actionDay());
      }
      if (stored.event() != null && stored.event().actionDay() != null) {
        days.putLink(batch, stored.event().actionDay(), stored.id(), false);
      }
    }
  }
}
