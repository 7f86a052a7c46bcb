package org.coordo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes many small, independent change sets as few batches: callers {@link #submit} their changes and
 * get a future; one writer thread takes everything submitted while its previous write ran, applies it to
 * one {@link KvBatch} and writes that once with the configured {@link Durability}. Under load, one fsync
 * then covers dozens of callers instead of one each; alone, a change is written at once.
 *
 * <p>Every change set in a batch is written or none is (the batch is atomic). A future completes only
 * after its batch is written, so a caller may acknowledge durable data from the completion on. If a
 * batch fails, every future of it fails with that error.
 *
 * <p>Callers must not rely on reading their own change before the future completes.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private record Pending(Consumer<KvBatch> changes, CompletableFuture<Void> done) {}

  private final KvStore store;
  private final Durability durability;
  private final int maxPerBatch;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final Object signal = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong changeSets = new AtomicLong();
  private final Thread writer;

  /**
   * @param name the writer thread's name (for profiles and thread dumps)
   * @param maxPerBatch most change sets in one batch
   */
  public GroupCommit(KvStore store, Durability durability, String name, int maxPerBatch) {
    if (maxPerBatch < 1) {
      throw new IllegalArgumentException("maxPerBatch must be at least 1");
    }
    this.store = store;
    this.durability = durability;
    this.maxPerBatch = maxPerBatch;
    this.writer = new Thread(this::run, name);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Queues {@code changes} (called on the writer thread, with the batch to add to: it must only add
   * puts and deletes, quickly, and not throw); completes once they are written.
   */
  public CompletableFuture<Void> submit(Consumer<KvBatch> changes) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed.get()) {
      done.completeExceptionally(new StorageException("group commit is closed", null));
      return done;
    }
    queue.add(new Pending(changes, done));
    synchronized (signal) {
      signal.notify();
    }
    return done;
  }

  /** Batches written so far. */
  public long batchesWritten() {
    return batches.get();
  }

  /** Change sets written so far (over {@link #batchesWritten()}: how well writes were grouped). */
  public long changeSetsWritten() {
    return changeSets.get();
  }

  /** Writes what was submitted, then stops the writer thread; later submissions fail. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (signal) {
      signal.notify();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failRemaining(new StorageException("group commit is closed", null));
  }

  private void run() {
    List<Pending> taken = new ArrayList<>(maxPerBatch);
    while (true) {
      Pending p;
      while (taken.size() < maxPerBatch && (p = queue.poll()) != null) {
        taken.add(p);
      }
      if (taken.isEmpty()) {
        if (closed.get()) {
          return;
        }
        synchronized (signal) {
          if (queue.isEmpty() && !closed.get()) {
            try {
              signal.wait(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
        continue;
      }
      write(taken);
      taken.clear();
    }
  }

  private void write(List<Pending> taken) {
    Throwable failure = null;
    try (KvBatch batch = store.newBatch()) {
      for (Pending p : taken) {
        p.changes().accept(batch);
      }
      store.write(batch, durability);
      batches.incrementAndGet();
      changeSets.addAndGet(taken.size());
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.warn("group write of {} change sets failed: {}", taken.size(), e.toString());
    }
    for (Pending p : taken) {
      if (failure == null) {
        p.done().complete(null);
      } else {
        p.done().completeExceptionally(failure);
      }
    }
  }

  private void failRemaining(Throwable cause) {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(cause);
    }
  }
}
