package org.coordo.federation.inbox;

import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.coordo.storage.StorageUnavailableException;
import org.coordo.federation.BodyBudget;
import org.coordo.federation.FederationException;
import org.coordo.federation.sig.HttpSignatureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to an inbox request: 202 with an empty body once the activity is accepted, else {@code
 * {error, status}} in JSON with the failure's status and safe message (500 "internal error" for anything
 * unexpected, whose cause goes to the log only; 503 asks for a new connection after {@code Retry-After}).
 */
final class InboxAnswer {
  // The inbox handler's logger: operators filter inbox lines by it.
  private static final Logger LOG = LoggerFactory.getLogger(InboxHandler.class);

  private InboxAnswer() {}

  /** Writes the answer for the pipeline's result, unless a response was already sent. */
  static void write(HttpServerRequest request, AsyncResult<?> result) {
    if (request.response().ended()) {
      return;
    }
    if (result.succeeded()) {
      request.response().setStatusCode(202).end();
      return;
    }
    int status;
    String message;
    if (result.cause() instanceof FederationException fe) {
      status = fe.status();
      message = fe.safeMessage();
    } else if (result.cause() instanceof StorageUnavailableException
        || (result.cause() != null && result.cause().getCause() instanceof StorageUnavailableException)) {
      LOG.warn("inbox {}: the store is unavailable ({})", request.path(), result.cause().getMessage());
      status = 503; // the sender retries later: nothing was stored
      message = "the database is not reachable right now; try again later";
    } else if (result.cause() instanceof HttpSignatureException se) {
      status = se.httpStatus();
      message = se.getMessage();
    } else {
      LOG.error("inbox {} failed", request.path(), result.cause());
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
  }
}
