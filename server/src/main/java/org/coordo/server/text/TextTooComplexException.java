package org.coordo.server.text;

import org.coordo.server.app.HttpFailure;

/** A text refused because parsing it would cost too much (nesting, size, or the time budget): 422. */
public final class TextTooComplexException extends RuntimeException implements HttpFailure {
  public TextTooComplexException(String safeMessage) {
    super(safeMessage, null, false, false);
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String safeMessage() {
    return getMessage();
  }
}
