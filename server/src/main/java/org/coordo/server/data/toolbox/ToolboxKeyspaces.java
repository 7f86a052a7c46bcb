package org.coordo.server.data.toolbox;

import java.util.List;

/** The keyspaces of the toolbox (issue 16); the node opens them with every other keyspace. */
public final class ToolboxKeyspaces {
  private ToolboxKeyspaces() {}

  /** Toolbox documents by collective and id (layout in {@link ToolboxRepository}). */
  public static final String DOCUMENTS = "toolbox_documents";

  public static final List<String> ALL = List.of(DOCUMENTS);
}
