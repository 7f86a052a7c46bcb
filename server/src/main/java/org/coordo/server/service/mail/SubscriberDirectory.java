package org.coordo.server.service.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.coordo.server.data.mail.SubscriptionRepository;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.domain.mail.Subscription;

/**
 * The {@link Subscribers} publication mails read: confirmed subscriptions, each with its own manage
 * and unsubscribe links. Store code (the storage worker).
 */
public final class SubscriberDirectory implements Subscribers {
  private final SubscriptionRepository repository;
  private final SubscriptionLinks links;

  public SubscriberDirectory(SubscriptionRepository repository, SubscriptionLinks links) {
    this.repository = repository;
    this.links = links;
  }

  @Override
  public List<Subscriber> confirmed(String scope, String afterId, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return repository.confirmed(scope, afterId, limit).stream().map(this::subscriber).toList();
  }

  @Override
  public Optional<Subscriber> find(String id) {
    return repository.find(id).filter(Subscription::isConfirmed).map(this::subscriber);
  }

  Subscriber subscriber(Subscription s) {
    return new Subscriber(s.id(), s.email(), s.scope(), Locale.forLanguageTag(s.locale()), s.frequency(),
        s.eventsOnly(), s.cities(), links.manageUrl(s.id()), links.unsubscribeUrl(s.id()));
  }
}
