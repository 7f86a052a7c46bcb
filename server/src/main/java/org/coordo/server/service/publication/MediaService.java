package org.coordo.server.service.publication;

import org.coordo.server.data.StoreCalls;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * SHA-256 under {@code mediaDir/<hash>.<ext>} (written to a temp file in the same directory, then
 * atomically moved: a reader never sees half a file), metadata recorded after the file is in place.
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
    if (bytes.length > maxBytes) {
      return Future.failedFuture(NodeError.tooLarge("attachment larger than " + maxBytes + " bytes"));
    }
    if (bytes.length == 0) {
      return Future.failedFuture(NodeError.badRequest("empty attachment"));
    }
    Optional<MediaSniffer> sniffed = MediaSniffer.sniff(bytes);
    if (sniffed.isEmpty()) {
      return Future.failedFuture(NodeError.unsupportedType(
          "unsupported attachment type: PNG, JPEG, WebP, GIF or PDF only"));
    }
    Optional<MediaSniffer> declared = MediaSniffer.fromDeclared(declaredType);
    if (declaredType != null && !isGeneric(declaredType) && declared.orElse(null) != sniffed.get()) {
      return Future.failedFuture(NodeError.unsupportedType(
          "declared type " + safeType(declaredType) + " does not match the content (" + sniffed.get().mediaType() + ")"));
    }
    MediaSniffer type = sniffed.get();
    return storage.call(store -> {
      byte[] clean = MetadataStripper.strip(type, bytes).orElseThrow(() -> NodeError.unsupportedType(
          "malformed " + type.extension().toUpperCase(java.util.Locale.ROOT) + " file"));
      String hash = sha256(clean);
      MediaRef ref = new MediaRef(hash, type.extension(), type.mediaType(), clean.length, null);
      Path target = mediaDir.resolve(ref.fileName());
      try {
        Files.createDirectories(mediaDir);
        if (!Files.exists(target)) {
          Path tmp = Files.createTempFile(mediaDir, ".upload-", ".tmp");
          try {
            Files.write(tmp, clean);
            try {
              Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not store an attachment", e);
      }
      if (repository.find(hash).isEmpty()) {
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

  private static boolean isGeneric(String contentType) {
    String essence = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return essence.equals("application/octet-stream") || essence.isEmpty();
  }

  private static String safeType(String t) {
    String s = t.split(";", 2)[0].trim();
    return s.length() > 60 || !s.matches("[A-Za-z0-9.+/-]*") ? "(invalid)" : s;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
