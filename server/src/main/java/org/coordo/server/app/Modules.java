package org.coordo.server.app;

import java.util.List;
import org.coordo.server.api.account.AccountModule;

/** The route groups a node mounts, in order. Add a module here to put it on every node. */
public final class Modules {
  private Modules() {}

  /** A fresh set of modules for one node (modules hold per-node state). */
  public static List<HttpModule> standard() {
    return List.of(
        new HealthModule(),
        new MetricsModule(),
        new ControlModule(),
        // accounts: mounts the AuthHandler for every later route (helper "accounts")
        new AccountModule());
  }
}
