package org.coordo.server.feeds;

import org.coordo.server.app.HttpFailure;

/** A feed request the node refuses, with its HTTP status and a message safe to show. */
public final class FeedException extends RuntimeException implements HttpFailure {
  private final int status;

  public FeedException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 400 with {@code message}, e.g. "from: expected a date like 2026-03-14". */
  public static FeedException badRequest(String message) {
    return new FeedException(400, message);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String safeMessage() {
    return getMessage();
  }
}
