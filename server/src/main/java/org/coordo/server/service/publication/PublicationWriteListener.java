package org.coordo.server.service.publication;

import org.coordo.server.domain.publication.Publication;
import org.coordo.storage.KvBatch;

/**
 * Told of every change of a publication while its batch is being assembled, so that what follows
 * from the change is written with it, atomically: a crash never keeps the change and loses its
 * consequence (publication mails, issue 15), nor the reverse. Every write of {@link
 * PublicationService} goes through it: create, edit, publish, cancel, delete (drafts too; a
 * listener picks what concerns it, through {@code Visibility}).
 *
 * <p>Store code on the storage worker: read what it needs, add to the batch, never write itself, never
 * block on anything but the store. A listener that throws fails the whole change.
 */
@FunctionalInterface
public interface PublicationWriteListener {
  /**
   * @param batch the change's batch (the record, its indexes, the activities and their deliveries)
   * @param next the publication as written (a tombstone when deleted), or null when a draft is removed
   * @param previous what it was before, or null when new
   */
  void written(KvBatch batch, Publication next, Publication previous);
}
