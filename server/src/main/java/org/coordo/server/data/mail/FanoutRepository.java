package org.coordo.server.data.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.QueueFactory;
import org.coordo.storage.queue.JobIds;

/**
 * What publication mails keep on disk, besides the mails themselves (which the mail queue keeps).
 *
 * <pre>
 * mail_fanout_jobs, mail_fanout_ids   the durable queue of fan-out jobs (payload: a JSON job)
 * mail_fanout_state:
 *   "p" 0x00 ascii(jobId)             →  utf8(last subscriber id done)   a running job's cursor
 *   "w" 0x00 utf8(week)               →  empty                           that week's digests were started
 *   "t"                               →  ascii(jobId)                    the next digest job
 * mail_sent:
 *   utf8(ref) 0x00 utf8(subscriberId) →  empty                           this subscriber got ref's mail
 * </pre>
 *
 * A ref names what a mail was about: {@code pub:collective/kind/id} for a local publication, {@code
 * agg:objectId} for an item a national node aggregates. Store code: call it on the storage worker.
 */
public final class FanoutRepository {
  private static final byte[] TICK = Keys.utf8("t");

  private final Keyspace state;
  private final Keyspace sent;
  private final DurableQueue queue;

  public FanoutRepository(KvStore store) {
    this(store, QueueFactory.singleProcess());
  }

  /** With the jobs' queue from {@code queues} (this process's owner when several processes share the store). */
  public FanoutRepository(KvStore store, QueueFactory queues) {
    this.state = store.keyspace(FanoutKeyspaces.STATE);
    this.sent = store.keyspace(FanoutKeyspaces.SENT);
    this.queue = queues.open(store, FanoutKeyspaces.JOBS, FanoutKeyspaces.JOB_IDS, JobIds.system());
  }

  /** The fan-out jobs. */
  public DurableQueue queue() {
    return queue;
  }

  public Optional<String> progress(String jobId) {
    return state.find(progressKey(jobId)).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  public void putProgress(KvBatch batch, String jobId, String lastSubscriberId) {
    batch.put(state, progressKey(jobId), Keys.utf8(lastSubscriberId));
  }

  public void clearProgress(KvBatch batch, String jobId) {
    batch.delete(state, progressKey(jobId));
  }

  public boolean weekStarted(String week) {
    return state.find(weekKey(week)).isPresent();
  }

  public void markWeek(KvBatch batch, String week) {
    batch.put(state, weekKey(week), new byte[0]);
  }

  public Optional<String> nextDigestJob() {
    return state.find(TICK).map(b -> new String(b, StandardCharsets.US_ASCII));
  }

  public void putNextDigestJob(KvBatch batch, String jobId) {
    batch.put(state, TICK, jobId.getBytes(StandardCharsets.US_ASCII));
  }

  public boolean wasSent(String ref, String subscriberId) {
    return sent.find(sentKey(ref, subscriberId)).isPresent();
  }

  public void markSent(KvBatch batch, String ref, String subscriberId) {
    batch.put(sent, sentKey(ref, subscriberId), new byte[0]);
  }

  /** Subscriber ids that got {@code ref}'s mail, after {@code afterId} (null: from the first), in id order. */
  public List<String> recipients(String ref, String afterId, int limit) {
    byte[] prefix = Keys.concat(Keys.utf8(ref), new byte[] {0});
    byte[] from = afterId == null ? prefix : Keys.concat(prefix, Keys.utf8(afterId), new byte[] {0});
    byte[] to = Keys.concat(Keys.utf8(ref), new byte[] {1});
    List<String> out = new ArrayList<>();
    try (KvIterator it = sent.scan(from, to, false)) {
      while (it.hasNext() && out.size() < limit) {
        KvEntry e = it.next();
        out.add(new String(e.key(), prefix.length, e.key().length - prefix.length, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static byte[] progressKey(String jobId) {
    return Keys.concat(Keys.utf8("p"), new byte[] {0}, jobId.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] weekKey(String week) {
    return Keys.concat(Keys.utf8("w"), new byte[] {0}, Keys.utf8(week));
  }

  private static byte[] sentKey(String ref, String subscriberId) {
    return Keys.concat(Keys.utf8(ref), new byte[] {0}, Keys.utf8(subscriberId));
  }
}
