package org.coordo.server.data.cosign;

import java.util.List;

/** The keyspaces of co-signed calls (issue 17); layouts in {@link CoSignRepository}. */
public final class CoSignKeyspaces {
  private CoSignKeyspaces() {}

  /** One record per call this node knows signatories of (local calls and remote calls it holds). */
  public static final String CALLS = "cosign_calls";
  /** Invitations received, and the indexes by collection, Invite id and call. */
  public static final String INDEX = "cosign_index";

  public static final List<String> ALL = List.of(CALLS, INDEX);
}
