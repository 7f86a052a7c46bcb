package org.coordo.federation.inbox;

import org.coordo.federation.spi.InboxPolicy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.FetchException;
import org.coordo.federation.BodyBudget;
import org.coordo.federation.remote.DocumentFetcher;
import org.coordo.federation.sig.HttpSignatureException;
import org.coordo.federation.sig.InboundVerifier;
import org.coordo.federation.sig.SignatureFailure;
import org.coordo.federation.sig.SignedRequest;
import org.coordo.federation.sig.VertxSignedRequests;
import org.coordo.federation.vocab.As;
import org.coordo.storage.KvStore;

/**
 * The receive pipeline of {@code POST /inbox} and {@code POST /actors/:name/inbox}, in the fixed order
 * of STYLE.md rule 4:
 *
 * <ol>
 *   <li>the body's cost within the node's {@link BodyBudget} → else 503 with {@code Retry-After}, body unread;
 *   <li>unknown local actor → 404; body over {@code maxBodyBytes} → 413; content type → 415;
 *       one JSON object in strict UTF-8, within {@link org.coordo.federation.JsonBodies}' limits → 400;
 *   <li>Digest / Content-Digest must match → 401;
 *   <li>HTTP signature ({@link InboundVerifier}, key refetched once on failure) → 401 <em>before anything is
 *       stored</em> (senders that double-knock retry with the other scheme);
 *   <li>the signing key's owner must be the activity's actor → 401;
 *   <li>id and actor absolute http(s) and same origin → 400; Update/Delete of another origin's object → 403;
 *       an embedded object of a third origin is refetched from there and the fetched copy used; a
 *       Create/Update of an object the signer is not an author of → 403 ({@link
 *       org.coordo.federation.Ownership#mayAuthor});
 *   <li>not local: activities claiming this node are refused → 403;
 *   <li>{@link InboxPolicy}: blocked domain or actor → 403;
 *   <li>types nobody handles → 202, logged, nothing stored;
 *   <li>dedupe by activity id → 202, no effect; else persist (seen id + pending log entry, fsynced, in a
 *       batch shared with the activities accepted at the same moment: {@link
 *       org.coordo.storage.GroupCommit});
 *   <li>{@link InboxProcessor}: side effects and listeners, entry marked processed → 202.
 * </ol>
 *
 * <p>{@link #receive(String, SignedRequest)} runs these steps in this order, in one place; the steps after
 * the signature have their own classes: the origin checks (same origin, not local, embedded objects) in
 * {@code InboxAuthorization}, policy, dedupe and the fsynced write in {@code InboxAcceptance}, and the
 * answer (202 or a JSON error) in {@code InboxAnswer}.
 */
public final class InboxHandler {

  /** What happened to an accepted request (all answered 202). */
  public enum Outcome {
    PROCESSED,
    DUPLICATE,
    IGNORED
  }

  private final FederationConfig config;
  private final LocalActors localActors;
  private final InboundVerifier verifier;
  private final InboxAuthorization authorization;
  private final InboxAcceptance acceptance;
  private final InboxProcessor processor;
  private final BodyBudget budget;

  /**
   * @param sharedStore whether other processes accept activities on the same store (PostgreSQL): an activity is
   *     then claimed in the store before it is persisted, so that one process persists it ({@link InboxSeen#claim})
   */
  public InboxHandler(
      FederationConfig config,
      Clock clock,
      WorkerExecutor worker,
      KvStore store,
      LocalActors localActors,
      InboundVerifier verifier,
      DocumentFetcher fetcher,
      InboxPolicy policy,
      InboxSeen seen,
      InboxLog log,
      InboxProcessor processor,
      Supplier<String> ids,
      BodyBudget budget,
      boolean sharedStore) {
    this.config = config;
    this.localActors = localActors;
    this.verifier = verifier;
    this.authorization = new InboxAuthorization(new Uris(config.publicUrl()), fetcher);
    this.acceptance = new InboxAcceptance(clock, worker, store, policy == null ? InboxPolicy.ALLOW_ALL : policy,
        seen, log, processor, ids, sharedStore);
    this.processor = processor;
    this.budget = budget;
  }

  /**
   * Handles the request and writes the answer: 202 with an empty body, or {@code {error, status}}.
   *
   * @param localName the actor of a per-actor inbox, or null for the shared inbox
   */
  public void handle(HttpServerRequest request, String localName) {
    handle(request, localName, null);
  }

  /**
   * Like {@link #handle(HttpServerRequest, String)}, for a router that already read the body (a
   * vertx-web {@code BodyHandler} in front: pass {@code ctx.body().buffer()}).
   *
   * @param alreadyRead the body when something upstream consumed it, else null (read here, with the limit)
   */
  public void handle(HttpServerRequest request, String localName, Buffer alreadyRead) {
    handle(request, localName, alreadyRead, null);
  }

  /**
   * Like {@link #handle(HttpServerRequest, String, Buffer)}, with the {@link BodyBudget} reservation the
   * router made for the body already read ({@link BodyBudget#retainedBy}): held until the pipeline is done,
   * even if the sender hangs up first. Without one, the handler reserves from its own budget before it
   * reads the body itself (503 with {@code Retry-After} when the budget is spent).
   *
   * @param held a reservation to release when done, or null
   */
  public void handle(HttpServerRequest request, String localName, Buffer alreadyRead, BodyBudget.Reservation held) {
    BodyBudget.Reservation reservation = held;
    Future<Outcome> outcome;
    if (reservation == null) {
      reservation = budget.tryReserve(BodyBudget.costOf(alreadyRead != null ? alreadyRead.length()
          : BodyBudget.declaredLength(request, config.maxBodyBytes()), true));
    }
    if (reservation == null) {
      outcome = Future.failedFuture(new FederationException(503, BodyBudget.busyMessage()));
    } else {
      BodyBudget.Reservation release = reservation;
      try {
        outcome = receive(request, localName, alreadyRead);
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      outcome = outcome.onComplete(ar -> release.release());
    }
    outcome.onComplete(ar -> InboxAnswer.write(request, ar));
  }

  /** Reads the body (at most {@code maxBodyBytes}) unless {@code alreadyRead} is given, and runs the pipeline. */
  public Future<Outcome> receive(HttpServerRequest request, String localName, Buffer alreadyRead) {
    long max = config.maxBodyBytes();
    if (alreadyRead != null) {
      return receive(localName, VertxSignedRequests.from(request, alreadyRead, config.publicUrl()));
    }
    if (request.isEnded()) {
      // Nothing left to read: an upstream body handler saw an empty body (it hands over null then).
      return receive(localName, VertxSignedRequests.from(request, Buffer.buffer(), config.publicUrl()));
    }
    String declared = request.getHeader("Content-Length");
    try {
      if (declared != null) {
        InboxChecks.bodyLimit(Long.parseLong(declared.trim()), max);
      }
    } catch (NumberFormatException e) {
      return Future.failedFuture(FederationException.badRequest("invalid Content-Length"));
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
    return readBody(request, max)
        .compose(body -> receive(localName, VertxSignedRequests.from(request, body, config.publicUrl())));
  }

  /** The pipeline on a request whose body was read, in the order of this class's list. */
  public Future<Outcome> receive(String localName, SignedRequest request) {
    // 404: unknown local actor (the body budget and the read were checked by the caller)
    Future<Void> owner = localName == null
        ? Future.succeededFuture()
        : localActors.find(localName).compose(found -> found.isPresent()
            ? Future.succeededFuture()
            : Future.failedFuture(FederationException.notFound("no such actor")));
    return owner.compose(v -> {
      InboxChecks.bodyLimit(request.body().length, config.maxBodyBytes()); // 413
      InboxChecks.contentType(request.header("content-type")); // 415
      JsonObject activity = InboxChecks.parse(request.body()); // 400
      InboxChecks.digest(request); // 401
      // 401: the signature, before anything is stored
      return verifier.verify(request).recover(err -> goneActorDeletingItself(activity, err)
          ? Future.failedFuture(new GoneActor())
          : Future.failedFuture(err)).compose(signer -> {
        URI actor = InboxChecks.actorOf(activity); // 401: the key's owner is the activity's actor
        if (!actor.toString().equals(signer.ownerActorId())) {
          throw new FederationException(401, "the request is signed by the key of " + signer.ownerActorId()
              + ", not by the activity's actor " + actor);
        }
        return authorization.authorize(activity, actor) // 400/403: same origin, not local, embedded objects
            .compose(checked -> acceptance.accept(localName, checked, actor)) // 403 policy, dedupe, persist
            .compose(accepted -> accepted.entry() == null // side effects and listeners, then 202
                ? Future.succeededFuture(accepted.outcome())
                : processor.process(accepted.entry()).map(Outcome.PROCESSED));
      });
    }).recover(err -> err instanceof GoneActor
        ? Future.succeededFuture(Outcome.IGNORED)
        : Future.failedFuture(err));
  }

  /** Marks the "deleted actor announces its own deletion" case, answered 202 (as Mastodon does). */
  private static final class GoneActor extends RuntimeException {
    GoneActor() {
      super("gone actor", null, false, false);
    }
  }

  /**
   * A Delete of an actor by itself whose key can no longer be fetched (404/410): it cannot be verified,
   * and there is nothing of it to delete here, so it is acknowledged and dropped rather than refused
   * (a 401 would make the sender retry for days).
   */
  private static boolean goneActorDeletingItself(JsonObject activity, Throwable err) {
    if (!"Delete".equals(As.typeOf(activity)) || !(err instanceof HttpSignatureException se)
        || se.reason() != SignatureFailure.KEY_UNAVAILABLE) {
      return false;
    }
    String actor = As.idOf(activity.getValue("actor"));
    if (actor == null || !actor.equals(As.idOf(activity.getValue("object")))) {
      return false;
    }
    Throwable cause = se.getCause();
    return cause instanceof FetchException fe
        && (fe.remoteStatus() == 404 || fe.remoteStatus() == 410);
  }

  /** Writes what is still queued for the fsynced write, then stops its writer thread. */
  public void close() {
    acceptance.close();
  }

  private static Future<Buffer> readBody(HttpServerRequest request, long max) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > max) {
        promise.tryFail(new FederationException(413, "the body is larger than " + max + " bytes"));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }
}
