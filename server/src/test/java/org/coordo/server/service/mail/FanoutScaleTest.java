package org.coordo.server.service.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.coordo.federation.Uris;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.convert.DigestMailConverter;
import org.coordo.server.convert.MailItemConverter;
import org.coordo.server.convert.PublicationMailConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.account.CollectiveRepository;
import org.coordo.server.data.mail.FanoutRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.mail.Bounces;
import org.coordo.server.mail.DurableMailQueue;
import org.coordo.server.mail.MailKeyspaces;
import org.coordo.server.web.Messages;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.queue.KvDurableQueue;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event to 10,000 subscribers into the node's real durable mail queue: twenty pages of 500, every
 * message on disk, and the heap after each page stays near where it started (subscribers are produced
 * page by page, as the subscriptions' store pages them, so only the fan-out's own memory is measured).
 */
class FanoutScaleTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final int SUBSCRIBERS = 10_000;
  @TempDir Path dir;

  /** Subscribers made on demand: s00000 … s09999, nothing kept. */
  static final class Generated implements Subscribers {
    @Override
    public List<Subscriber> confirmed(String scope, String afterId, int limit) {
      int from = afterId == null ? 0 : Integer.parseInt(afterId.substring(1)) + 1;
      List<Subscriber> out = new ArrayList<>();
      for (int i = from; i < Math.min(SUBSCRIBERS, from + limit); i++) {
        out.add(make(i));
      }
      return out;
    }

    @Override
    public Optional<Subscriber> find(String id) {
      return Optional.of(make(Integer.parseInt(id.substring(1))));
    }

    static Subscriber make(int i) {
      String id = String.format("s%05d", i);
      return new Subscriber(id, id + "@example.org", "grenoble", i % 3 == 0 ? Locale.ENGLISH : Locale.FRENCH,
          MailFrequency.EACH, false, Set.of(), "https://h/manage/" + id, "https://h/unsubscribe/" + id);
    }
  }

  @Test
  void tenThousandSubscribersGoToTheMailQueueInPagesOf500WithFlatMemory() {
    try (RocksKvStore store = TestStores.openRocks(dir, StorageSchema.options())) {
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      KvDurableQueue mailJobs = new KvDurableQueue(store, MailKeyspaces.QUEUE, MailKeyspaces.QUEUE_IDS);
      DurableMailQueue mail = new DurableMailQueue(null, mailJobs, new Bounces(store, 3), "grenoble.example", clock,
          () -> {});
      FanoutRepository fanout = new FanoutRepository(store);
      PublicationRepository publications = new PublicationRepository(store);
      PublicationMails hook = new PublicationMails(mail, fanout, clock, null);
      FanoutSources sources = new FanoutSources(publications, null, new CollectiveRepository(store),
          new MailItemConverter(new PublicationUris(new Uris(URI.create("https://grenoble.example")))), null);
      PublicationMailConverter mails = new PublicationMailConverter(Messages.load(), new IcsWriter("t"), "Coordo");
      Digests digests = new Digests(store, fanout, sources, DigestSchedule.defaults(ZoneId.of("Europe/Paris")),
          new DigestMailConverter(mails));
      FanoutRunner runner = new FanoutRunner(store, fanout, new Generated(), mail, sources, mails, digests,
          "grenoble.example", FanoutRunner.PAGE);
      Publication event = new Publication("e1", "grenoble", PublicationKind.EVENT, PublicationState.PUBLISHED,
          "camille", "Assemblée générale", null, "x", "<p>" + "Ordre du jour : salaires, postes, locaux. ".repeat(40)
          + "</p>", "fr", NOW, NOW, null, null, List.of(), null, new EventDetails(NOW.plusSeconds(86400), null,
          ZoneId.of("Europe/Paris"), new EventLocation("Bourse du travail", null, null, null, null, null),
          EventStatus.Scheduled, null));
      try (KvBatch batch = store.newBatch()) {
        publications.put(batch, event, null);
        hook.written(batch, event, null);
        store.write(batch, Durability.SYNC);
      }

      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      long most = before;
      long started = System.nanoTime();
      int pages = 0;
      while (runner.step(NOW)) {
        pages++;
        if (pages % 5 == 0) { // what a page leaves behind, after a collection, every fifth page
          System.gc();
          most = Math.max(most, memory.getHeapMemoryUsage().getUsed());
        }
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(21, pages, "twenty full pages, and the empty one that ends the job");
      assertEquals(SUBSCRIBERS, mailJobs.size(), "every message is in the mail queue");
      System.out.printf("fan-out of one event to %d subscribers: %d pages in %d ms; heap after GC %d MiB before, "
          + "%d MiB at most after a page%n", SUBSCRIBERS, pages, millis, before >> 20, most >> 20);
      assertTrue(most - before < 64L << 20, "the heap grows by less than 64 MiB: " + ((most - before) >> 20) + " MiB");
    }
  }
}
