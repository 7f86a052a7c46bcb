package org.coordo.server.domain.mail;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A confirmed email subscriber, as publication mails see one (issue 15): where to write, in which
 * language, what they chose, and their own links. Never federated, never shown to anyone but an
 * admin of the node.
 *
 * @param id the subscription's id (stable; the order subscribers are paged in)
 * @param email the confirmed address
 * @param scope what they subscribed to: a collective's name (on the national node, its group's name)
 * @param locale the language their messages are written in ({@code fr} or {@code en})
 * @param frequency every publication, or a weekly digest
 * @param eventsOnly events only, or everything (calls, minutes, events)
 * @param cities on the national node, the cities they follow (collective names as the aggregation
 *     knows them); empty means every city
 * @param manageUrl the page where they change their choices (no account needed)
 * @param unsubscribeUrl the one-click unsubscribe URL (RFC 8058 POST target and link)
 */
public record Subscriber(String id, String email, String scope, Locale locale, MailFrequency frequency,
    boolean eventsOnly, Set<String> cities, String manageUrl, String unsubscribeUrl) {
  public Subscriber {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(frequency, "frequency");
    cities = cities == null ? Set.of() : Set.copyOf(cities);
  }
}
