package org.coordo.server.api.aggregation;

import org.coordo.federation.FederationException;
import org.coordo.server.app.HttpFailure;

/** A refused aggregation request: HTTP status and a message safe to show. */
public final class AggregationException extends RuntimeException implements HttpFailure {
  private final int status;

  public AggregationException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 400 naming the parameter: {@code "from: expected a date like 2026-03-14"}. */
  public static AggregationException badParameter(String name, String expected) {
    return new AggregationException(400, name + ": " + expected);
  }

  /** The protocol layer's errors keep their status and safe message; others pass unchanged. */
  public static Throwable fromFederation(Throwable t) {
    return t instanceof FederationException f ? new AggregationException(f.status(), f.safeMessage()) : t;
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
