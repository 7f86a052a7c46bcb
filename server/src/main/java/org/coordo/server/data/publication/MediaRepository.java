package org.coordo.server.data.publication;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.server.domain.publication.MediaRef;

/**
 * Attachment metadata. The bytes live in files under {@code dataDir/media/<hash>.<ext>}.
 *
 * <p>Keyspace {@value PublicationKeyspaces#MEDIA}: {@code utf8(sha-256 hex)} → JSON {hash, ext, type,
 * size}. Written after the file is in place, so a record always has its file. Synchronous.
 */
public final class MediaRepository {
  private final Keyspace media;

  public MediaRepository(KvStore store) {
    this.media = store.keyspace(PublicationKeyspaces.MEDIA);
  }

  public Optional<MediaRef> find(String hash) {
    return media.find(Keys.utf8(hash))
        .map(b -> PublicationRecordCodec.decodeMedia(new io.vertx.core.json.JsonObject(Buffer.buffer(b))));
  }

  public void put(MediaRef ref) {
    media.put(Keys.utf8(ref.hash()), PublicationRecordCodec.encodeMedia(ref.withName(null)).toBuffer().getBytes());
  }
}
