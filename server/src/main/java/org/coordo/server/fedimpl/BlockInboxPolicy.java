package org.coordo.server.fedimpl;

import java.net.URI;
import org.coordo.federation.spi.InboxPolicy;
import org.coordo.server.data.publication.BlockRepository;

/**
 * Feeds the editors' blocks to federation's inbox: a blocked account or domain gets 403 before
 * anything is stored. Called on a worker thread (reads the store).
 */
public final class BlockInboxPolicy implements InboxPolicy {
  private final BlockRepository blocks;

  public BlockInboxPolicy(BlockRepository blocks) {
    this.blocks = blocks;
  }

  @Override
  public boolean blocksDomain(String host) {
    return blocks.isDomainBlocked(host);
  }

  @Override
  public boolean blocksActor(URI actorId) {
    return actorId != null && blocks.isAccountBlocked(actorId.toString());
  }
}
