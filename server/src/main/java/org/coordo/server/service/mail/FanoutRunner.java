package org.coordo.server.service.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.convert.MailItem;
import org.coordo.server.convert.PublicationMailConverter;
import org.coordo.server.data.mail.FanoutRepository;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fan-out jobs one page at a time (store code: call it on the storage worker). A page is at most
 * {@code pageSize} subscribers: their mails go to the mail queue ({@link MailQueue#enqueue}) in ONE
 * batch with the job's cursor (the last subscriber id done) and, for a publication, the sent-log that
 * corrections read. A restart resumes after the last page written (nothing is sent twice, except by
 * the mail queue's own at-least-once delivery), and memory holds one page whatever the number of
 * subscribers. A finished job writes a done mark before it is acknowledged, so a crash in between does
 * not run it again.
 *
 * <p>Who gets what: a publication mail goes to subscribers of its scope who take every publication
 * ({@link MailFrequency#EACH}; weekly ones get the digest), want its kind (events only, or
 * everything), and on a national node follow its city (no city chosen: every city); a correction goes
 * to those in the sent-log who are still subscribed; a digest to the weekly ones, with the week's
 * items they want. Addresses the mail queue marks as bouncing are skipped.
 */
public final class FanoutRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FanoutRunner.class);
  public static final int PAGE = 500;
  /** How long a claimed job is kept from another claim (a page takes well under a second). */
  public static final Duration LEASE = Duration.ofMinutes(10);
  /** The cursor of a job whose every page is written. */
  static final String DONE = "\u0000done";

  private final KvStore store;
  private final FanoutRepository fanout;
  private final Subscribers subscribers;
  private final MailQueue mail;
  private final FanoutSources sources;
  private final PublicationMailConverter mails;
  private final Digests digests;
  private final String host;
  private final int pageSize;
  private Job current;

  /** @param host the node's host name, right of the {@code @} of the Message-IDs it makes */
  public FanoutRunner(KvStore store, FanoutRepository fanout, Subscribers subscribers, MailQueue mail,
      FanoutSources sources, PublicationMailConverter mails, Digests digests, String host, int pageSize) {
    this.store = store;
    this.fanout = fanout;
    this.subscribers = subscribers;
    this.mail = mail;
    this.sources = sources;
    this.mails = mails;
    this.digests = digests;
    this.host = host;
    this.pageSize = pageSize;
  }

  /** At start: jobs a killed run had claimed are due again; the next digest is scheduled. */
  public void start(Instant now) {
    int released = fanout.queue().releaseLeases(now);
    if (released > 0) {
      LOG.info("mail fan-out: {} interrupted job(s) resumed", released);
    }
    digests.ensureScheduled(now);
  }

  /** One page of the current job (claiming the next due one if none); false when there was nothing to do. */
  public boolean step(Instant now) {
    if (current == null) {
      List<Job> claimed = fanout.queue().claim(now, 1, LEASE);
      if (claimed.isEmpty()) {
        return false;
      }
      current = claimed.get(0);
    }
    Job job = current;
    boolean finished;
    try {
      finished = runPage(job, now);
    } catch (RuntimeException e) {
      current = null; // its lease runs out and it is claimed again
      throw e;
    }
    if (finished) {
      current = null;
    }
    return true;
  }

  /** Runs every due job to its end (tests, and the demo's summary); how many pages were written. */
  public int drain(Instant now) {
    int pages = 0;
    while (step(now)) {
      pages++;
    }
    return pages;
  }

  /** One page of {@code job}; true when the job is finished (and acknowledged). */
  boolean runPage(Job job, Instant now) {
    FanoutJob j = FanoutJob.decode(job.payload());
    String after = fanout.progress(job.id()).orElse(null);
    if (DONE.equals(after)) {
      return finish(job);
    }
    if (j.type() == FanoutJob.Type.TICK) {
      digests.tick(j, job.id(), now);
      return finish(job);
    }
    String scopeName = sources.scopeName(j.scope());
    List<OutgoingMail> out = new ArrayList<>();
    List<String> sentTo = new ArrayList<>();
    String last;
    boolean more;
    switch (j.type()) {
      case PUBLICATION -> {
        Optional<MailItem> item = sources.publicItem(j.ref());
        if (item.isEmpty()) {
          return finish(job); // deleted or hidden before it went out: nothing to send
        }
        List<Subscriber> page = subscribers.confirmed(j.scope(), after, pageSize);
        Map<String, PublicationMailConverter.Body> bodies = new HashMap<>();
        for (Subscriber s : page) {
          if (wants(s, item.get()) && !fanout.wasSent(j.ref(), s.id()) && !mail.bouncing(s.email())) {
            PublicationMailConverter.Body body = bodies.computeIfAbsent(lang(s),
                l -> mails.body(item.get(), PublicationMailConverter.Purpose.NEW, l));
            out.add(mails.address(body, s, scopeName, originalId(j.ref(), s), null, "publication"));
            sentTo.add(s.id());
          }
        }
        last = page.isEmpty() ? null : page.get(page.size() - 1).id();
        more = page.size() >= pageSize;
      }
      case CANCELLED, CHANGED -> {
        Optional<MailItem> item = sources.publicItem(j.ref());
        if (item.isEmpty()) {
          return finish(job);
        }
        PublicationMailConverter.Purpose purpose = j.type() == FanoutJob.Type.CANCELLED
            ? PublicationMailConverter.Purpose.CANCELLED : PublicationMailConverter.Purpose.CHANGED;
        List<String> ids = fanout.recipients(j.ref(), after, pageSize);
        Map<String, PublicationMailConverter.Body> bodies = new HashMap<>();
        int sequence = item.get().calendar() == null ? 0 : item.get().calendar().sequence();
        for (String id : ids) {
          Optional<Subscriber> s = subscribers.find(id);
          if (s.isPresent() && !mail.bouncing(s.get().email())) {
            PublicationMailConverter.Body body = bodies.computeIfAbsent(lang(s.get()),
                l -> mails.body(item.get(), purpose, l));
            out.add(mails.address(body, s.get(), scopeName,
                messageId("fix" + sequence + "." + hash(j.ref()), s.get()), originalId(j.ref(), s.get()),
                "correction"));
          }
        }
        last = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        more = ids.size() >= pageSize;
      }
      case DIGEST -> {
        List<MailItem> items = sources.week(j.scope(), j.from(), j.to());
        List<Subscriber> page = subscribers.confirmed(j.scope(), after, pageSize);
        for (Subscriber s : page) {
          if (s.frequency() != MailFrequency.WEEKLY || mail.bouncing(s.email())) {
            continue;
          }
          List<MailItem> mine = items.stream().filter(i -> wantsKind(s, i)).toList();
          OutgoingMail m = digests.converter().digest(mine, s, scopeName,
              messageId("digest." + j.week() + "." + hash(j.scope()), s), now);
          if (m != null) {
            out.add(m);
          }
        }
        last = page.isEmpty() ? null : page.get(page.size() - 1).id();
        more = page.size() >= pageSize;
      }
      default -> throw new IllegalStateException("unexpected job " + j.type());
    }
    try (KvBatch batch = store.newBatch()) {
      for (OutgoingMail m : out) {
        try {
          mail.enqueue(batch, m);
        } catch (RuntimeException refused) { // an address the mail queue finds invalid: that one only is skipped
          LOG.warn("mail fan-out: a {} mail was refused: {}", m.kind(), refused.getMessage());
        }
      }
      for (String id : sentTo) {
        fanout.markSent(batch, j.ref(), id);
      }
      fanout.putProgress(batch, job.id(), more && last != null ? last : DONE);
      store.write(batch, Durability.SYNC);
    }
    if (!out.isEmpty()) {
      LOG.debug("mail fan-out: {} {} mail(s) for {}", out.size(), j.type(), j.scope());
    }
    return more && last != null ? false : finish(job);
  }

  private boolean finish(Job job) {
    fanout.queue().ack(job);
    try (KvBatch batch = store.newBatch()) {
      fanout.clearProgress(batch, job.id());
      store.write(batch, Durability.WAL);
    }
    return true;
  }

  /** Whether a subscriber taking every publication wants this one. */
  static boolean wants(Subscriber s, MailItem item) {
    return s.frequency() == MailFrequency.EACH && wantsKind(s, item);
  }

  /** Events only or everything; on a national node, the cities they follow (none chosen: all). */
  static boolean wantsKind(Subscriber s, MailItem item) {
    if (s.eventsOnly() && item.kind() != PublicationKind.EVENT) {
      return false;
    }
    return item.city() == null || s.cities().isEmpty() || s.cities().contains(item.city());
  }

  private static String lang(Subscriber s) {
    return s.locale().getLanguage();
  }

  /** The Message-ID of the publication mail {@code s} got of {@code ref}: what corrections refer to. */
  String originalId(String ref, Subscriber s) {
    return messageId("pub." + hash(ref), s);
  }

  private String messageId(String what, Subscriber s) {
    return what + "." + s.id().replaceAll("[^A-Za-z0-9_-]", "_") + "@" + host;
  }

  /** A short stable name for a ref or a scope in Message-IDs (the first 64 bits of its SHA-256). */
  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
