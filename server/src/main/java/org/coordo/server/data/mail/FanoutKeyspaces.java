package org.coordo.server.data.mail;

import java.util.List;

/**
 * The keyspaces of publication mails (issue 15, "what is sent"): the fan-out jobs (a durable queue),
 * their progress and the weekly digest's bookkeeping, and the sent-log that corrections read.
 * Layouts in {@link FanoutRepository}.
 */
public final class FanoutKeyspaces {
  private FanoutKeyspaces() {}

  /** Fan-out jobs by due time (the storage module's durable queue). */
  public static final String JOBS = "mail_fanout_jobs";
  /** The jobs' id index (the same queue). */
  public static final String JOB_IDS = "mail_fanout_ids";
  /** Each running job's cursor, the digest weeks done, the next digest job. */
  public static final String STATE = "mail_fanout_state";
  /** Who was told of what: publication reference and subscriber id. */
  public static final String SENT = "mail_sent";

  public static final List<String> ALL = List.of(JOBS, JOB_IDS, STATE, SENT);
}
