package org.coordo.server.domain.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An email subscription (issue 15), pending until its confirmation link is followed. Only the
 * node's admins ever see the address; it is never federated.
 *
 * @param id time-sortable id (the order subscribers are paged in; part of the manage link)
 * @param email the normalised address ({@link EmailAddresses#normalise})
 * @param scope a collective's name (on the national node, its group's name)
 * @param locale {@code fr} or {@code en}: the language of every message
 * @param frequency every publication or a weekly digest
 * @param eventsOnly events only, or everything
 * @param cities on the national node, the cities followed (empty: all)
 * @param state pending until confirmed
 * @param created when it was asked for (the last time, while pending)
 * @param confirmed when it was confirmed, or null while pending
 * @param confirmHash the hex SHA-256 of its latest confirmation token (kept after use, so that a second use
 *     is told apart from an unknown link, and deleted with the subscription), or null
 */
public record Subscription(String id, String email, String scope, String locale, MailFrequency frequency,
    boolean eventsOnly, Set<String> cities, State state, Instant created, Instant confirmed, String confirmHash) {

  /** Pending (nothing is sent but the confirmation) or confirmed. */
  public enum State { PENDING, CONFIRMED }

  /** The languages a subscriber can receive mail in; the first is the default. */
  public static final Set<String> LOCALES = Set.of("fr", "en");

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(created, "created");
    cities = cities == null ? Set.of() : Set.copyOf(cities);
  }

  public boolean isConfirmed() {
    return state == State.CONFIRMED;
  }

  /** The same subscription with other choices. */
  public Subscription withChoices(Choices c) {
    return new Subscription(id, email, scope, c.locale(), c.frequency(), c.eventsOnly(), c.cities(), state, created,
        confirmed, confirmHash);
  }

  public Subscription confirmedAt(Instant at) {
    return new Subscription(id, email, scope, locale, frequency, eventsOnly, cities, State.CONFIRMED, created, at, confirmHash);
  }

  public Subscription pendingAgain(Instant at, String newConfirmHash) {
    return new Subscription(id, email, scope, locale, frequency, eventsOnly, cities, state, at, confirmed,
        newConfirmHash);
  }

  public Choices choices() {
    return new Choices(locale, frequency, eventsOnly, cities);
  }

  /** What a subscriber chooses (and may change from the manage page). */
  public record Choices(String locale, MailFrequency frequency, boolean eventsOnly, Set<String> cities) {
    public Choices {
      Objects.requireNonNull(locale, "locale");
      Objects.requireNonNull(frequency, "frequency");
      cities = cities == null ? Set.of() : Set.copyOf(cities);
    }
  }
}
