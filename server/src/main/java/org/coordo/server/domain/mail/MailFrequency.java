package org.coordo.server.domain.mail;

/** How often a subscriber hears from what they subscribed to. */
public enum MailFrequency {
  /** One message per publication (and a correction when an event they were told of changes). */
  EACH,
  /** One digest a week. */
  WEEKLY
}
