package org.coordo.server.service.account;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coordo.server.auth.Role;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.data.account.NoticeRepository;
import org.coordo.server.domain.account.Membership;
import org.coordo.server.domain.account.NoticeThrottle;
import org.coordo.server.domain.account.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a collective's editors by mail that replies wait in moderation, follow requests wait for
 * approval, another collective invites it to co-sign a call, or cities ask to join the national coordination, at most once every {@link #EVERY} per editor: what comes to wait meanwhile is counted
 * (per collective, durably) and told in the next notice, which leaves as soon as the hour is over
 * (on the next event, or on {@link #flushDue}, which the node runs periodically). Only editors with
 * a confirmed address are told. The notice and the throttle record are written in one batch.
 */
public final class EditorNotices {
  private static final Logger LOG = LoggerFactory.getLogger(EditorNotices.class);
  /** At most one notice per editor in this time. */
  public static final Duration EVERY = Duration.ofHours(1);

  private final AccountStore store;
  private final MemberMail mail;
  private final Clock clock;

  EditorNotices(AccountStore store, MemberMail mail, Clock clock) {
    this.store = store;
    this.mail = mail;
    this.clock = clock;
  }

  /** A new reply waits in {@code collective}'s moderation queue. */
  public Future<Void> replyWaiting(String collective) {
    return waiting(collective, NoticeThrottle.Waiting.REPLY);
  }

  /** A new follow request waits for {@code collective}'s approval. */
  public Future<Void> followWaiting(String collective) {
    return waiting(collective, NoticeThrottle.Waiting.FOLLOW);
  }

  /** Another collective invites {@code collective} to co-sign a call. */
  public Future<Void> invitationWaiting(String collective) {
    return waiting(collective, NoticeThrottle.Waiting.INVITATION);
  }

  /** A city asks to join the national coordination whose group is {@code collective}. */
  public Future<Void> joinWaiting(String collective) {
    return waiting(collective, NoticeThrottle.Waiting.JOIN);
  }

  private Future<Void> waiting(String collective, NoticeThrottle.Waiting what) {
    if (!mail.enabled()) {
      return Future.succeededFuture();
    }
    return store.call(data -> data.locked(() -> {
      Instant now = now();
      for (Membership m : data.memberships().members(collective)) {
        if (m.role() != Role.EDITOR) {
          continue;
        }
        data.users().findById(m.userId()).filter(User::hasConfirmedEmail).ifPresent(editor ->
            step(data, editor, data.notices().find(editor.id()).adding(collective, what), now));
      }
      return (Void) null;
    })).onFailure(e -> LOG.warn("editors' notice for {} not recorded", collective, e)).otherwiseEmpty();
  }

  /** Sends the notices whose hour is over and that have something untold (run periodically). */
  public Future<Integer> flushDue() {
    if (!mail.enabled()) {
      return Future.succeededFuture(0);
    }
    return store.call(data -> data.locked(() -> {
      Instant now = now();
      int sent = 0;
      for (NoticeRepository.Entry e : data.notices().withWaiting()) {
        if (e.throttle().mayNotifyAt(now, EVERY)) {
          var editor = data.users().findById(e.userId()).filter(User::hasConfirmedEmail);
          if (editor.isPresent()) {
            step(data, editor.get(), e.throttle(), now);
            sent++;
          } else {
            data.write(batch -> data.notices().put(batch, e.userId(), e.throttle().sentAt(e.throttle().lastSent())));
          }
        }
      }
      return sent;
    }));
  }

  /** Sends now if the editor's hour is over (the notice and the record in one write), else records what waits. */
  private void step(AccountData data, User editor, NoticeThrottle throttle, Instant now) {
    if (!throttle.mayNotifyAt(now, EVERY)) {
      data.write(batch -> data.notices().put(batch, editor.id(), throttle));
      return;
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String c : throttle.waiting().keySet()) {
      names.put(c, data.collectives().find(c).map(x -> x.displayName()).filter(d -> d != null && !d.isBlank()).orElse(c));
    }
    data.write(batch -> {
      data.notices().put(batch, editor.id(), throttle.sentAt(now));
      mail.queue().enqueue(batch, mail.notice(editor.email(), editor.lang(), new java.util.TreeMap<>(throttle.waiting()), names));
    });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
