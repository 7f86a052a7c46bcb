package org.coordo.federation.inbox;

import org.coordo.federation.spi.InboxPolicy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
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
import org.coordo.storage.Durability;
import org.coordo.storage.GroupCommit;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       Create/Update of an object the signer is not an author of → 403 ({@link Ownership#mayAuthor});
 *   <li>not local: activities claiming this node are refused → 403;
 *   <li>{@link InboxPolicy}: blocked domain or actor → 403;
 *   <li>types nobody handles → 202, logged, nothing stored;
 *   <li>dedupe by activity id → 202, no effect; else persist (seen id + pending log entry, fsynced, in a
 *       batch shared with the activities accepted at the same moment: {@link GroupCommit});
 *   <li>{@link InboxProcessor}: side effects and listeners, entry marked processed → 202.
 * </ol>
 */
public final class InboxHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboxHandler.class);

  /** What happened to an accepted request (all answered 202). */
  public enum Outcome {
    PROCESSED,
    DUPLICATE,
    IGNORED
  }

  private final FederationConfig config;
  private final Uris uris;
  private final Clock clock;
  private final WorkerExecutor worker;
  private final LocalActors localActors;
  private final InboundVerifier verifier;
  private final DocumentFetcher fetcher;
  private final InboxPolicy policy;
  private final InboxSeen seen;
  private final InboxLog log;
  private final InboxProcessor processor;
  private final Supplier<String> ids;
  private final BodyBudget budget;
  /** Activity ids being accepted right now (checked and marked atomically, dropped once written). */
  private final Set<String> accepting = ConcurrentHashMap.newKeySet();
  /** The fsynced write of accepted activities (seen id + pending log entry), grouped. */
  private final GroupCommit accepted;

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
      BodyBudget budget) {
    this.config = config;
    this.uris = new Uris(config.publicUrl());
    this.clock = clock;
    this.worker = worker;
    this.localActors = localActors;
    this.verifier = verifier;
    this.fetcher = fetcher;
    this.policy = policy == null ? InboxPolicy.ALLOW_ALL : policy;
    this.seen = seen;
    this.log = log;
    this.processor = processor;
    this.ids = ids;
    this.budget = budget;
    this.accepted = new GroupCommit(store, Durability.SYNC, "coordo-inbox-commit", 512);
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
    outcome.onComplete(ar -> {
      if (request.response().ended()) {
        return;
      }
      if (ar.succeeded()) {
        request.response().setStatusCode(202).end();
        return;
      }
      int status;
      String message;
      if (ar.cause() instanceof FederationException fe) {
        status = fe.status();
        message = fe.safeMessage();
      } else if (ar.cause() instanceof HttpSignatureException se) {
        status = se.httpStatus();
        message = se.getMessage();
      } else {
        LOG.error("inbox {} failed", request.path(), ar.cause());
        status = 500;
        message = "internal error";
      }
      if (status == 401 || status == 403) {
        LOG.info("inbox {} refused {}: {}", request.path(), status, message);
      }
      if (status == 503) {
        // The body may be left unread: ask for a new connection rather than drain it.
        request.response().putHeader("Retry-After", Integer.toString(BodyBudget.RETRY_AFTER_SECONDS))
            .putHeader("Connection", "close");
      }
      request.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("error", message).put("status", status).encode());
    });
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

  /** The pipeline on a request whose body was read. */
  public Future<Outcome> receive(String localName, SignedRequest request) {
    Future<Void> owner = localName == null
        ? Future.succeededFuture()
        : localActors.find(localName).compose(found -> found.isPresent()
            ? Future.succeededFuture()
            : Future.failedFuture(FederationException.notFound("no such actor")));
    return owner.compose(v -> {
      InboxChecks.bodyLimit(request.body().length, config.maxBodyBytes());
      InboxChecks.contentType(request.header("content-type"));
      JsonObject activity = InboxChecks.parse(request.body());
      InboxChecks.digest(request);
      return verifier.verify(request).recover(err -> goneActorDeletingItself(activity, err)
          ? Future.failedFuture(new GoneActor())
          : Future.failedFuture(err)).compose(signer -> {
        URI actor = InboxChecks.actorOf(activity);
        if (!actor.toString().equals(signer.ownerActorId())) {
          throw new FederationException(401, "the request is signed by the key of " + signer.ownerActorId()
              + ", not by the activity's actor " + actor);
        }
        return authorize(activity, actor).compose(checked -> accept(localName, checked, actor));
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

  /** Same-origin rules, not-local, refetch of third-party embedded objects (the policy comes in {@link #accept}). */
  private Future<JsonObject> authorize(JsonObject activity, URI actor) {
    URI id = InboxChecks.idOf(activity, actor);
    String type = As.typeOf(activity);
    if (type == null) {
      throw FederationException.badRequest("the activity has no type");
    }
    if (uris.isLocal(actor) || uris.isLocal(id)) {
      throw new FederationException(403, "activities claiming to come from this node are refused");
    }
    Object object = activity.getValue("object");
    String objectId = As.idOf(object);
    if ((type.equals("Update") || type.equals("Delete"))) {
      if (objectId == null) {
        throw FederationException.badRequest(type + " needs an object");
      }
      URI objectUri = InboxChecks.http(objectId, "object id");
      if (!Ownership.sameOrigin(objectUri, actor)) {
        throw new FederationException(403, "an actor may only " + type.toLowerCase(Locale.ROOT) + " its own objects");
      }
    }
    Future<JsonObject> withObject = Future.succeededFuture(activity);
    if (object instanceof JsonObject embedded && objectId != null) {
      URI objectUri = InboxChecks.http(objectId, "object id");
      if (uris.isLocal(objectUri)) {
        if (type.equals("Create")) {
          throw new FederationException(403, "a remote actor cannot create an object of this node");
        }
        if (!type.equals("Accept") && !type.equals("Reject")) {
          // Never trust a remote copy of one of our own objects: keep only its id.
          withObject = Future.succeededFuture(activity.copy().put("object", objectId));
        }
      } else if (!Ownership.sameOrigin(objectUri, actor)) {
        withObject = refetch(activity, objectUri);
      }
      if (type.equals("Create") || type.equals("Update")) {
        // The signer speaks for its own objects only, not for its origin: see Ownership.
        withObject = withObject.map(checked -> {
          if (checked.getValue("object") instanceof JsonObject o && !Ownership.mayAuthor(o, actor)) {
            throw new FederationException(403, "an actor may only " + type.toLowerCase(Locale.ROOT)
                + " objects it is an author of (attributedTo)");
          }
          return checked;
        });
      }
    }
    return withObject;
  }

  /** The {@link InboxPolicy} check (blocked domain or actor → 403); blocking, run on the worker. */
  private void checkPolicy(URI actor) {
    if (policy.blocksDomain(InboxChecks.host(actor)) || policy.blocksActor(actor)) {
      throw new FederationException(403, "this node does not accept activities from " + InboxChecks.host(actor));
    }
  }

  /** Replaces an embedded object of a third origin by the copy fetched from its origin (its bare id if that fails). */
  private Future<JsonObject> refetch(JsonObject activity, URI objectUri) {
    Future<DocumentFetcher.Fetched> fetched;
    try {
      fetched = fetcher.fetch(objectUri);
    } catch (RuntimeException e) {
      fetched = Future.failedFuture(e);
    }
    return fetched.transform(ar -> {
      if (ar.failed()) {
        LOG.info("refetch of embedded {} failed ({}); keeping only its id", objectUri, ar.cause().getMessage());
        return Future.succeededFuture(activity.copy().put("object", objectUri.toString()));
      }
      JsonObject doc = ar.result().document();
      if (!objectUri.toString().equals(doc.getValue("id"))
          || !Ownership.sameOrigin(ar.result().finalUrl(), objectUri)) {
        return Future.failedFuture(FederationException.badRequest(
            "the embedded object " + objectUri + " could not be verified at its origin"));
      }
      return Future.succeededFuture(activity.copy().put("object", doc));
    });
  }

  /** Policy, then dedupe and persist in one step per activity id, then process. */
  private Future<Outcome> accept(String localName, JsonObject activity, URI actor) {
    String type = As.typeOf(activity);
    String activityId = activity.getString("id");
    if (!processor.accepts(type)) {
      return worker.executeBlocking(() -> {
        checkPolicy(actor);
        LOG.info("inbox: {} {} from {} ignored (type not handled)", type, activityId, actor);
        return Outcome.IGNORED;
      }, false);
    }
    Instant now = clock.instant();
    // One worker task: policy and dedupe (each hop to a worker costs a context switch). The fsynced write
    // goes to the group commit, which writes the activities accepted meanwhile with the same fsync.
    return worker.executeBlocking(() -> {
      checkPolicy(actor);
      if (!accepting.add(activityId)) {
        return null; // the same activity is being accepted by a concurrent request
      }
      try {
        if (seen.seen(activityId)) {
          accepting.remove(activityId);
          return null;
        }
      } catch (RuntimeException e) {
        accepting.remove(activityId);
        throw e;
      }
      return new InboxEntry(ids.get(), InboxEntry.State.PENDING, activity, type, actor, localName, now, 0, null);
    }, false).compose(entry -> {
      if (entry == null) {
        LOG.debug("inbox: {} {} already received", type, activityId);
        return Future.succeededFuture(Outcome.DUPLICATE);
      }
      Consumer<KvBatch> logged = log.changes(entry);
      Future<Void> written = Future.fromCompletionStage(accepted.submit(batch -> {
        seen.markSeen(batch, activityId, entry.id(), now);
        logged.accept(batch);
      }), Vertx.currentContext());
      // Forgotten only once the seen id is readable (or the write failed): no window for a duplicate.
      return written.eventually(() -> {
        accepting.remove(activityId);
        return Future.succeededFuture();
      }).compose(v -> processor.process(entry).map(Outcome.PROCESSED));
    });
  }

  /** Writes what is still queued for the fsynced write, then stops its writer thread. */
  public void close() {
    accepted.close();
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
