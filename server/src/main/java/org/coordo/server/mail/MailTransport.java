package org.coordo.server.mail;

import io.vertx.core.Future;

/**
 * Where the mail worker hands messages over: an SMTP relay ({@link SmtpTransport}) or a directory of
 * {@code .eml} files (demos). Every message it gets was validated when it was accepted and has its
 * {@code Message-ID}.
 */
public interface MailTransport {

  /** Hands one message over; fails with a {@link MailFailure} saying whether a retry may help. */
  Future<Void> send(OutgoingMail mail);

  /** Releases connections. */
  Future<Void> close();
}
