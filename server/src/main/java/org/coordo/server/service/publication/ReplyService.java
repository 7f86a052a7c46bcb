package org.coordo.server.service.publication;

import org.coordo.server.data.StoreCalls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.coordo.federation.Ownership;
import org.coordo.federation.vocab.As;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.publication.BlockRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.data.publication.ReactionRepository;
import org.coordo.server.data.publication.ReactionRepository.Reaction;
import org.coordo.server.data.publication.ReplyRepository;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.ReactionType;
import org.coordo.server.domain.publication.Reply;
import org.coordo.server.domain.publication.ReplyState;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.MarkupLimits;
import org.coordo.server.text.PlainText;
import org.coordo.server.text.SafeUrls;
import org.coordo.server.text.TextWork;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the fediverse does to our publications: replies (stored sanitised, pending moderation),
 * their edits and deletions by their authors, likes and boosts (counted once per actor; Undo
 * decrements). Every operation is idempotent, and blocked accounts and domains are ignored.
 * Read-modify-write sequences are serialised on one lock (they run on storage workers).
 */
public final class ReplyService {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyService.class);
  /** Longest reply HTML we keep (Mastodon's own limit is far below). */
  static final int MAX_REPLY_HTML = 50_000;

  private final StoreCalls storage;
  private final PublicationRepository publications;
  private final ReplyRepository replies;
  private final ReactionRepository reactions;
  private final BlockRepository blocks;
  private final PublicationUris uris;
  private final HtmlSanitizer sanitizer;
  private final TextWork text;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile java.util.function.Function<String, Future<Void>> onPending = collective -> Future.succeededFuture();

  public ReplyService(StoreCalls storage, PublicationRepository publications, ReplyRepository replies,
      ReactionRepository reactions, BlockRepository blocks, PublicationUris uris, HtmlSanitizer sanitizer,
      TextWork text, Clock clock) {
    this.storage = storage;
    this.publications = publications;
    this.replies = replies;
    this.reactions = reactions;
    this.blocks = blocks;
    this.uris = uris;
    this.sanitizer = sanitizer;
    this.text = text;
    this.clock = clock;
  }

  /**
   * Told the collective's name each time a new reply starts waiting in its moderation queue (once
   * per reply: a redelivered one is not new), before the reply's future completes; a failure there
   * does not fail the reply. Set by the node's assembly (editors' notices).
   */
  public void onPending(java.util.function.Function<String, Future<Void>> listener) {
    this.onPending = listener == null ? collective -> Future.succeededFuture() : listener;
  }

  /** The likes, boosts and approved replies of each publication, in order. */
  public Future<java.util.List<org.coordo.server.domain.publication.Counters>> counters(
      java.util.List<PublicationKey> keys) {
    return storage.call(store -> keys.stream().map(reactions::counters).toList());
  }

  /** A remote object that may be a reply to one of ours; true when it was stored (now or before). */
  public Future<Boolean> receiveReply(URI actor, JsonObject note) {
    if (note == null || !"Note".equals(As.typeOf(note))) {
      return Future.succeededFuture(false);
    }
    String id = note.getString("id");
    String inReplyTo = As.idOf(note.getValue("inReplyTo"));
    Optional<PublicationKey> target = uris.parseObject(inReplyTo);
    if (id == null || target.isEmpty() || !sameAuthor(actor, note)) {
      return Future.succeededFuture(false);
    }
    return clean(contentOf(note)).compose(safeHtml -> storage.<Object>call(store -> {
      synchronized (lock) {
        if (isBlocked(actor)) {
          return false;
        }
        Optional<Publication> p = publications.find(target.get());
        if (p.isEmpty() || !p.get().isPublic()) {
          return false;
        }
        if (replies.find(id).isPresent()) {
          return true;
        }
        Instant now = clock.instant();
        Reply reply = new Reply(id, target.get(), actor.toString(), safeHtml,
            SafeUrls.http(As.idOf(note.getValue("url"))).orElse(null),
            time(note.getString("published")).orElse(now), now, null, ReplyState.PENDING);
        try (KvBatch batch = store.newBatch()) {
          replies.put(batch, reply, null);
          reactions.bump(batch, target.get(), ReactionType.REPLY, +1);
          store.write(batch, Durability.WAL);
        }
        return reply;
      }
    })).compose(stored -> {
      Future<Void> told = stored instanceof Reply fresh
          ? onPending.apply(fresh.target().collective()).otherwiseEmpty()
          : Future.succeededFuture();
      return told.map(!Boolean.FALSE.equals(stored));
    });
  }

  /** An edit of a reply by its author (others are ignored). */
  public Future<Boolean> updateReply(URI actor, JsonObject note) {
    if (note == null || note.getString("id") == null || !sameAuthor(actor, note)) {
      return Future.succeededFuture(false);
    }
    return clean(contentOf(note)).compose(safe -> storage.call(store -> {
      synchronized (lock) {
        Optional<Reply> existing = replies.find(note.getString("id"));
        if (existing.isEmpty() || !Ownership.isOwner(existing.get().authorId(), actor)) {
          return false;
        }
        Instant updated = time(note.getString("updated")).orElse(clock.instant());
        Reply next = existing.get().withContent(safe, updated);
        try (KvBatch batch = store.newBatch()) {
          replies.put(batch, next, existing.get());
          store.write(batch, Durability.WAL);
        }
        return true;
      }
    }));
  }

  /**
   * A remote reply's HTML, sanitised and cut to {@link #MAX_REPLY_HTML} on the text workers; past
   * their time budget, its plain text only (never a failure: bad remote content is not retried).
   */
  private Future<String> clean(String remoteHtml) {
    return text.run(() -> {
      String html = sanitizer.sanitize(remoteHtml);
      return html.length() > MAX_REPLY_HTML ? sanitizer.sanitize(html.substring(0, MAX_REPLY_HTML)) : html;
    }).recover(e -> {
      LOG.info("reply content not sanitised ({}); kept as plain text", e.toString());
      String plain = MarkupLimits.stripTags(remoteHtml);
      return Future.succeededFuture(plain.isBlank() ? "" : "<p>" + PlainText.escapeHtml(plain) + "</p>");
    });
  }

  /** A deletion of a reply by its author (others are ignored). */
  public Future<Boolean> deleteReply(URI actor, String replyId) {
    if (replyId == null) {
      return Future.succeededFuture(false);
    }
    return storage.call(store -> {
      synchronized (lock) {
        Optional<Reply> existing = replies.find(replyId);
        if (existing.isEmpty() || !Ownership.isOwner(existing.get().authorId(), actor)) {
          return false;
        }
        removeReply(store, existing.get());
        return true;
      }
    });
  }

  /** A Like or Announce of one of our publications: counted once per actor. */
  public Future<Boolean> react(URI actor, String activityId, ReactionType type, String objectId) {
    Optional<PublicationKey> target = uris.parseObject(objectId);
    if (activityId == null || target.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return storage.call(store -> {
      synchronized (lock) {
        if (isBlocked(actor)) {
          return false;
        }
        Optional<Publication> p = publications.find(target.get());
        if (p.isEmpty() || !p.get().isPublic()
            || reactions.exists(target.get(), type, actor.toString())
            || reactions.findByActivity(activityId).isPresent()) {
          return false;
        }
        try (KvBatch batch = store.newBatch()) {
          reactions.add(batch, activityId, new Reaction(target.get(), type, actor.toString()));
          store.write(batch, Durability.WAL);
        }
        return true;
      }
    });
  }

  /** Undo of a Like or Announce (named by its activity id), by the actor who sent it. */
  public Future<Boolean> undo(URI actor, String undoneId) {
    return storage.call(store -> {
      synchronized (lock) {
        String activityId = undoneId;
        Optional<Reaction> reaction = activityId == null ? Optional.empty() : reactions.findByActivity(activityId);
        if (reaction.isEmpty() || !reaction.get().actorId().equals(actor.toString())) {
          return false;
        }
        try (KvBatch batch = store.newBatch()) {
          reactions.remove(batch, activityId, reaction.get());
          store.write(batch, Durability.WAL);
        }
        return true;
      }
    });
  }

  /** Removes a reply and its count (moderation or author deletion). Call under the lock, on a worker. */
  void removeReply(org.coordo.storage.KvStore store, Reply reply) {
    try (KvBatch batch = store.newBatch()) {
      replies.delete(batch, reply);
      reactions.bump(batch, reply.target(), ReactionType.REPLY, -1);
      store.write(batch, Durability.WAL);
    }
  }

  Object lock() {
    return lock;
  }

  private boolean isBlocked(URI actor) {
    return blocks.isAccountBlocked(actor.toString()) || blocks.isDomainBlocked(actor.getHost());
  }

  /** The note must be the actor's own ({@link Ownership#mayAuthor}: it names the actor as author, or no one). */
  private static boolean sameAuthor(URI actor, JsonObject note) {
    boolean ok = Ownership.mayAuthor(note, actor);
    if (!ok) {
      LOG.debug("reply {} not attributed to its sender {}", note.getString("id"), actor);
    }
    return ok;
  }

  private static String contentOf(JsonObject note) {
    Object content = note.getValue("content");
    if (content instanceof String s) {
      return s;
    }
    JsonObject map = note.getJsonObject("contentMap");
    if (map != null) {
      for (String key : map.fieldNames()) {
        if (map.getValue(key) instanceof String s) {
          return s;
        }
      }
    }
    return "";
  }

  private static Optional<Instant> time(String iso) {
    if (iso == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
