package org.coordo.server.app;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.coordo.federation.MalformedRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one failure handler: every error becomes {@code {"error": "...", "status": N}}.
 *
 * <p>An {@link HttpFailure} or an {@link HttpException} carries its status and a message that is safe
 * to show (for the latter, its payload);
 * a {@link DecodeException} is a client's bad JSON (400), a form or multipart body that does not
 * decode too (400, {@link MalformedRequest}); a failure with only a status code (404,
 * 405, 413 from the body limit) gets the standard reason. Anything else is a bug or an outage: the
 * client sees 500 "internal error", the cause goes to the log only.
 */
final class ErrorHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  private final long maxBodyBytes;

  ErrorHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    if (failure instanceof HttpFailure f && f.status() >= 400) {
      status = f.status();
      message = f.safeMessage() != null ? f.safeMessage() : standardMessage(status);
      if (status >= 500) {
        LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), message, failure);
      }
    } else if (failure instanceof HttpException e && e.getStatusCode() >= 400) {
      status = e.getStatusCode();
      message = e.getPayload() != null ? e.getPayload() : standardMessage(status);
      if (status >= 500) {
        LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), message, e.getCause());
      }
    } else if (failure instanceof DecodeException) {
      status = 400;
      message = "invalid JSON";
    } else if (MalformedRequest.isUndecodableBody(failure)) {
      status = 400;
      message = MalformedRequest.MESSAGE;
    } else if (failure == null || (failure instanceof HttpException && ctx.statusCode() >= 400)) {
      status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
      message = standardMessage(status);
    } else {
      status = 500;
      message = "internal error";
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    send(ctx, status, message);
  }

  /** Answers {@code {"error": message, "status": status}}; closes the connection when a response had begun. */
  static void send(RoutingContext ctx, int status, String message) {
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }

  private String standardMessage(int status) {
    if (status == 413) {
      return "request body larger than " + maxBodyBytes + " bytes";
    }
    return HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT);
  }
}
