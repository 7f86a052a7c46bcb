package org.coordo.server.service.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.coordo.server.convert.MailItemConverter;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.data.mail.FanoutRepository;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.Visibility;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.service.publication.PublicationWriteListener;
import org.coordo.storage.KvBatch;

/**
 * The trigger of publication mails (issue 15): a fan-out job written in the very batch of the change
 * that calls for it, so a crash never keeps the one without the other. Registered on every write of
 * a publication ({@link PublicationWriteListener}) and, on a national node, of an aggregated item
 * ({@link AggregationRepository.WriteListener}).
 *
 * <ul>
 *   <li>a publication that becomes public ({@link Visibility#toPublic} is {@code SHOWN}, the one rule:
 *       drafts, and whatever issue 16 keeps to members, never go out) → a {@code PUBLICATION} job;
 *   <li>a public event cancelled → {@code CANCELLED}; its date, time or place changed → {@code
 *       CHANGED} (corrections, sent to those who got the publication mail).
 * </ul>
 *
 * A national node's received items go to the national group's subscribers, only while current (what
 * a city's backfill brings from the past is indexed, not mailed). With mail off, nothing is written.
 */
public final class PublicationMails implements PublicationWriteListener, AggregationRepository.WriteListener {
  /** How old a received call or minutes may be to be mailed (events: those still to come). */
  public static final Duration RECENT = Duration.ofDays(3);

  private final MailQueue mail;
  private final FanoutRepository fanout;
  private final Clock clock;
  private final String nationalGroup;

  /** @param nationalGroup the national group's name on a national node (scope of aggregated items), else null */
  public PublicationMails(MailQueue mail, FanoutRepository fanout, Clock clock, String nationalGroup) {
    this.mail = mail;
    this.fanout = fanout;
    this.clock = clock;
    this.nationalGroup = nationalGroup;
  }

  @Override
  public void written(KvBatch batch, Publication next, Publication previous) {
    if (!mail.enabled() || next == null) {
      return;
    }
    boolean nowPublic = Visibility.toPublic(next) == Visibility.SHOWN;
    boolean wasPublic = previous != null && Visibility.toPublic(previous) == Visibility.SHOWN;
    if (!nowPublic) {
      return;
    }
    String ref = MailItemConverter.ref(next);
    if (!wasPublic) {
      enqueue(batch, FanoutJob.Type.PUBLICATION, next.collective(), ref);
      return;
    }
    if (next.kind() == PublicationKind.EVENT && next.event() != null && previous.event() != null) {
      correction(batch, next.collective(), ref, MailItemConverter.event(previous.event()),
          MailItemConverter.event(next.event()));
    }
  }

  @Override
  public void written(KvBatch batch, AggregatedItem stored, AggregatedItem previous) {
    if (nationalGroup == null || !mail.enabled()) {
      return;
    }
    String ref = MailItemConverter.ref(stored);
    if (previous == null) {
      if (isCurrent(stored)) {
        enqueue(batch, FanoutJob.Type.PUBLICATION, nationalGroup, ref);
      }
      return;
    }
    if (stored.event() != null && previous.event() != null) {
      correction(batch, nationalGroup, ref, MailItemConverter.event(previous.event()),
          MailItemConverter.event(stored.event()));
    }
  }

  private void correction(KvBatch batch, String scope, String ref,
      org.coordo.server.convert.MailItem.Event before, org.coordo.server.convert.MailItem.Event after) {
    if (after.cancelled() && !before.cancelled()) {
      enqueue(batch, FanoutJob.Type.CANCELLED, scope, ref);
    } else if (!after.cancelled() && (before.cancelled() || after.movedFrom(before))) {
      enqueue(batch, FanoutJob.Type.CHANGED, scope, ref);
    }
  }

  private boolean isCurrent(AggregatedItem item) {
    Instant now = clock.instant();
    if (item.event() != null) {
      Instant end = item.event().endTime() != null ? item.event().endTime() : item.event().startTime();
      return end.isAfter(now) && item.published().isAfter(now.minus(Duration.ofDays(30)));
    }
    return item.published().isAfter(now.minus(RECENT));
  }

  private void enqueue(KvBatch batch, FanoutJob.Type type, String scope, String ref) {
    fanout.queue().enqueue(batch, clock.instant(), FanoutJob.publication(type, scope, ref).encode());
  }
}
