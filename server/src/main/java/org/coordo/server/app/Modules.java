package org.coordo.server.app;

import java.util.List;

/** The route groups a node mounts, in order. Add a module here to put it on every node. */
public final class Modules {
  private Modules() {}

  /** A fresh set of modules for one node (modules hold per-node state). */
  public static List<HttpModule> standard() {
    // health, metrics, control, federation, accounts (mounts the AuthHandler for every later route),
    // pages, publishing, aggregation: wired together in FederatedNodeModules (helper "national")
    return org.coordo.server.cli.demo.FederatedNodeModules.production();
  }
}
