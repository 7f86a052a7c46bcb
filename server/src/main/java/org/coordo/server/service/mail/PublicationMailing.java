package org.coordo.server.service.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.coordo.federation.Uris;
import org.coordo.server.convert.DigestMailConverter;
import org.coordo.server.convert.MailItemConverter;
import org.coordo.server.convert.PublicationMailConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.account.CollectiveRepository;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.data.mail.FanoutRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.web.Messages;
import org.coordo.storage.KvStore;

/**
 * Publication mails, wired (issue 15, "what is sent"): the trigger registered on publishing's and
 * the aggregation's writes ({@link PublicationMails}), the fan-out worker ({@link MailFanout} on
 * {@link FanoutRunner}) and the weekly digest ({@link Digests}). Built once by the node assembly;
 * {@link #start} only when mail is on.
 */
public final class PublicationMailing {
  /** How often the worker looks for due jobs when it has none. */
  public static final Duration POLL = Duration.ofSeconds(2);
  /** The same, with the demo's and tests' fast timings. */
  public static final Duration FAST_POLL = Duration.ofMillis(100);

  /** What the node's writes call; register it with {@code onWrite} of publishing and of the aggregation. */
  public final PublicationMails trigger;
  /** The worker. */
  public final MailFanout fanout;
  private final MailQueue mail;

  /**
   * @param aggregation the aggregated items on a national node, else null
   * @param nationalGroup the national group's name on a national node, else null
   * @param nodeName {@code node.name}, first in the {@code From} display name
   * @param version Coordo's version (the {@code .ics} PRODID)
   */
  public PublicationMailing(Vertx vertx, KvStore store, StoreCalls storage, MailQueue mail, Subscribers subscribers,
      Uris uris, AggregationRepository aggregation, String nationalGroup, String nodeName, String version,
      DigestSchedule schedule, Clock clock, Duration poll) {
    this(vertx, store, storage, mail, subscribers, uris, aggregation, nationalGroup, nodeName, version, schedule, clock,
        poll, org.coordo.storage.QueueFactory.singleProcess());
  }

  /** The same, its fan-out jobs claimed under this process's owner ({@code queues}). */
  public PublicationMailing(Vertx vertx, KvStore store, StoreCalls storage, MailQueue mail, Subscribers subscribers,
      Uris uris, AggregationRepository aggregation, String nationalGroup, String nodeName, String version,
      DigestSchedule schedule, Clock clock, Duration poll, org.coordo.storage.QueueFactory queues) {
    this.mail = mail;
    FanoutRepository fanoutRepository = new FanoutRepository(store, queues);
    this.trigger = new PublicationMails(mail, fanoutRepository, clock, nationalGroup);
    FanoutSources sources = new FanoutSources(new PublicationRepository(store), aggregation,
        new CollectiveRepository(store), new MailItemConverter(new PublicationUris(uris)), nationalGroup);
    PublicationMailConverter mails = new PublicationMailConverter(Messages.load(), new IcsWriter(version), nodeName);
    Digests digests = new Digests(store, fanoutRepository, sources, schedule, new DigestMailConverter(mails));
    FanoutRunner runner = new FanoutRunner(store, fanoutRepository, subscribers, mail, sources, mails, digests,
        java.net.URI.create(uris.base()).getHost(), FanoutRunner.PAGE);
    this.fanout = new MailFanout(vertx, storage, runner, digests, clock, poll);
  }

  /** Starts the worker when mail is on; nothing otherwise. */
  public Future<Void> start() {
    return mail.enabled() ? fanout.start() : Future.succeededFuture();
  }

  public Future<Void> stop() {
    return fanout.stop();
  }
}
