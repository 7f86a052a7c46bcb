package org.coordo.server.service.publication;

import org.coordo.server.data.StoreCalls;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coordo.server.auth.Principal;
import org.coordo.server.data.publication.MediaRepository;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.error.NodeError;

/**
 * Attachments: type sniffed from the bytes and checked against the declared type, JPEG and PNG
 * metadata stripped (GPS position, camera, dates: see {@link MetadataStripper}), stored once by
 * SHA-256 under {@code mediaDir/<hash>.<ext>} (through {@link MediaIntake}: written to a temp file in
 * the same directory, forced to disk, then atomically moved: a reader never sees half a file),
 * metadata recorded after the file is in place.
 * The same bytes uploaded twice are stored once.
 */
public final class MediaService {
  /** Default size limit: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  /** Room for a multipart body's boundaries and part headers around the file. */
  private static final long MULTIPART_OVERHEAD = 64 * 1024;
  private static final Pattern FILE_NAME = Pattern.compile("^([0-9a-f]{64})\\.(png|jpg|webp|gif|pdf)$");

  private final StoreCalls storage;
  private final MediaRepository repository;
  private final Path mediaDir;
  private final long maxBytes;

  public MediaService(StoreCalls storage, MediaRepository repository, Path mediaDir, long maxBytes) {
    this.storage = storage;
    this.repository = repository;
    this.mediaDir = mediaDir;
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * The body limit of a multipart request carrying one attachment of {@link #maxBytes()}: the file and
   * its part headers. The API's upload route and the publishing form (which adds its text) both use it.
   */
  public long maxUploadBodyBytes() {
    return maxBytes + MULTIPART_OVERHEAD;
  }

  public Path mediaDir() {
    return mediaDir;
  }

  /** Stores an upload for a collective's members. 413 over the limit, 415 for a refused or mismatched type. */
  public Future<MediaRef> store(Principal who, String collective, byte[] bytes, String declaredType) {
    if (!who.canDraftFor(collective)) {
      return Future.failedFuture(NodeError.forbidden(
          "You are not a member of collective '" + collective + "'."));
    }
    return storage.call(store -> {
      MediaIntake.Accepted accepted = MediaIntake.accept(bytes, declaredType, MediaSniffer.ATTACHMENTS, maxBytes,
          "PNG, JPEG, WebP, GIF or PDF");
      MediaRef ref = accepted.ref();
      MediaIntake.writeDurably(mediaDir, ref.fileName(), accepted.bytes());
      if (repository.find(ref.hash()).isEmpty()) {
        repository.put(ref);
      }
      return ref;
    });
  }

  /** The stored attachment a {@code /media/} file name names, if any (and its file exists). */
  public Future<Optional<MediaRef>> find(String fileName) {
    var m = FILE_NAME.matcher(fileName == null ? "" : fileName);
    if (!m.matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    String hash = m.group(1);
    String ext = m.group(2);
    return storage.call(store -> repository.find(hash)
        .filter(ref -> ref.extension().equals(ext))
        .filter(ref -> Files.isRegularFile(mediaDir.resolve(ref.fileName()))));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
