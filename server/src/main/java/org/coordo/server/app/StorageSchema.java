package org.coordo.server.app;

import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.server.data.account.AccountKeyspaces;
import org.coordo.storage.StoreOptions;

/**
 * The one place that says which keyspaces a node's store opens and at which schema version.
 * A module that needs a keyspace appends its names to {@link #KEYSPACES}; a change of key layout
 * bumps {@link #VERSION} and adds a migration in {@link #options()}.
 */
public final class StorageSchema {
  private StorageSchema() {}

  /** The schema version this code reads and writes. */
  public static final int VERSION = 1;

  /** Every keyspace, in the order they are opened ({@code meta} is added by the store). */
  public static final List<String> KEYSPACES = concat(
      FederationKeyspaces.ALL,
      AccountKeyspaces.ALL, // accounts (helper "accounts")
      PublicationKeyspaces.ALL, // collective publishing (helper "publishing")
      org.coordo.server.data.aggregation.AggregationKeyspaces.ALL, // received publications (helper "national")
      org.coordo.server.data.toolbox.ToolboxKeyspaces.ALL, // the collectives' toolboxes (issue 16, toolbox)
      org.coordo.server.data.group.GroupKeyspaces.ALL, // working groups (issue 16, "working-groups")
      org.coordo.server.mail.MailKeyspaces.ALL, // outbound mail queue and bounces (helper "mail-core")
      org.coordo.server.data.mail.SubscriptionKeyspaces.ALL, // email subscriptions (helper "mail-subs")
      org.coordo.server.data.mail.FanoutKeyspaces.ALL, // publication mails (helper "mail-pubs")
      org.coordo.server.data.actionday.ActionDayKeyspaces.ALL, // days of action (issue 17, "dayaction")
      org.coordo.server.data.coordination.CoordinationKeyspaces.ALL, // coordination membership (issue 17, "national-open")
      org.coordo.server.data.cosign.CoSignKeyspaces.ALL // co-signed calls (issue 17, "cosign")
      // server keyspaces are appended here
      );

  /** How {@code dataDir/db} is opened. */
  public static StoreOptions options() {
    return StoreOptions.builder()
        .schemaVersion(VERSION)
        .keyspaces(KEYSPACES)
        // .migration(1, store -> …) brings version 1 to 2
        .build();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... groups) {
    List<String> all = new ArrayList<>();
    for (List<String> group : groups) {
      all.addAll(group);
    }
    return List.copyOf(all);
  }
}
