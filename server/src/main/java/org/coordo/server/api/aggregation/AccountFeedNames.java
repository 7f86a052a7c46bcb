package org.coordo.server.api.aggregation;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import org.coordo.server.feeds.FeedNames;
import org.coordo.server.service.account.Accounts;

/** Feed names from the accounts: a collective's display name, its members' display names. */
final class AccountFeedNames implements FeedNames {
  private final Accounts accounts;

  private AccountFeedNames(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The accounts' names, or the handles themselves when the node has no accounts. */
  static FeedNames of(Accounts accounts) {
    return accounts == null ? FeedNames.HANDLES : new AccountFeedNames(accounts);
  }

  @Override
  public Future<String> collective(String name) {
    return accounts.collectives().find(name).map(found -> found.map(v -> v.collective().displayName())
        .filter(d -> d != null && !d.isBlank()).orElse(name));
  }

  @Override
  public Future<Map<String, String>> people(Collection<String> usernames) {
    return accounts.users().displayNames(usernames);
  }
}
