package org.coordo.federation.delivery;

/**
 * Nothing may or can be sent for a job (the activity or the local actor is gone, the inbox is
 * forbidden): the delivery worker drops the job instead of retrying it.
 */
public final class Undeliverable extends RuntimeException {
  public Undeliverable(String message) {
    super(message, null, false, false);
  }
}
