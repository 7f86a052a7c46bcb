package org.coordo.server.mail;

/**
 * Why a transport could not hand a message over: {@linkplain #permanent() permanently} (an SMTP 5xx answer,
 * a message the transport refuses: retrying will not help) or temporarily (a 4xx answer, a connection that
 * failed or timed out, a full disk: retried with backoff).
 */
public final class MailFailure extends RuntimeException {
  private final boolean permanent;

  public MailFailure(boolean permanent, String message, Throwable cause) {
    super(message, cause, false, false);
    this.permanent = permanent;
  }

  public static MailFailure permanent(String message, Throwable cause) {
    return new MailFailure(true, message, cause);
  }

  public static MailFailure temporary(String message, Throwable cause) {
    return new MailFailure(false, message, cause);
  }

  public boolean permanent() {
    return permanent;
  }
}
