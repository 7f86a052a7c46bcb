package org.coordo.server.mail;

import java.util.List;

/** The keyspaces of the mail system (issue 15); layouts are documented where they are used. */
public final class MailKeyspaces {
  private MailKeyspaces() {}

  /** Outbound messages (the durable queue's jobs; see {@link MailPayload}). */
  public static final String QUEUE = "mail_queue";
  /** Outbound message ids → their current due time (the durable queue's index). */
  public static final String QUEUE_IDS = "mail_queue_ids";
  /** Permanent failures per address ({@link Bounces}). */
  public static final String BOUNCES = "mail_bounces";

  public static final List<String> ALL = List.of(QUEUE, QUEUE_IDS, BOUNCES);
}
