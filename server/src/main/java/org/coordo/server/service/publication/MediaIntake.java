package org.coordo.server.service.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.error.NodeError;

/**
 * The one way an uploaded file is taken in, for publication attachments ({@link MediaService}) and
 * toolbox documents alike: size checked, type sniffed from the bytes and kept within what the caller
 * allows, the declared type (when specific) consistent with it, metadata stripped where we know how
 * ({@link MetadataStripper}), named by the SHA-256 of the cleaned bytes; then written durably under a
 * directory ({@link #writeDurably}). Synchronous: run it on a worker.
 */
public final class MediaIntake {
  private MediaIntake() {}

  /** Cleaned bytes and what they are. */
  public record Accepted(MediaSniffer type, byte[] bytes, String hash) {
    public MediaRef ref() {
      return new MediaRef(hash, type.extension(), type.mediaType(), bytes.length, null);
    }

    public String fileName() {
      return hash + "." + type.extension();
    }
  }

  /**
   * Checks and cleans an upload. 413 over {@code maxBytes}, 400 when empty, 415 when its bytes are no
   * type of {@code allowed} ({@code allowedNames} says which, in the message) or contradict a specific
   * declared type, or when the file is malformed.
   */
  public static Accepted accept(byte[] bytes, String declaredType, Set<MediaSniffer> allowed, long maxBytes,
      String allowedNames) {
    if (bytes.length > maxBytes) {
      throw NodeError.tooLarge("file larger than " + maxBytes + " bytes");
    }
    if (bytes.length == 0) {
      throw NodeError.badRequest("empty file");
    }
    Optional<MediaSniffer> sniffed = MediaSniffer.sniff(bytes).filter(allowed::contains);
    if (sniffed.isEmpty()) {
      throw NodeError.unsupportedType("unsupported file type: " + allowedNames + " only");
    }
    MediaSniffer type = sniffed.get();
    Optional<MediaSniffer> declared = MediaSniffer.fromDeclared(declaredType);
    if (declaredType != null && !isGeneric(declaredType) && declared.orElse(null) != type) {
      throw NodeError.unsupportedType(
          "declared type " + safeType(declaredType) + " does not match the content (" + type.mediaType() + ")");
    }
    byte[] clean = MetadataStripper.strip(type, bytes).orElseThrow(() -> NodeError.unsupportedType(
        "malformed " + type.extension().toUpperCase(Locale.ROOT) + " file"));
    return new Accepted(type, clean, MediaService.sha256(clean));
  }

  /**
   * Writes {@code bytes} as {@code dir/fileName} so that it survives a crash once this returns: a
   * temporary file in the same directory, forced to disk, atomically renamed, then the directory
   * forced (the rename itself). A reader never sees half a file. An existing file of that name (the
   * same content, named by its hash) is kept.
   */
  public static void writeDurably(Path dir, String fileName, byte[] bytes) {
    Path target = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      if (Files.exists(target)) {
        return;
      }
      Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
      try {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          out.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not store a file", e);
    }
  }

  /** Forces a directory's entries to disk (where the platform allows opening a directory: Linux, macOS). */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its rename is already durable enough for NTFS's journal.
    }
  }

  static boolean isGeneric(String contentType) {
    String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return essence.equals("application/octet-stream") || essence.isEmpty() || essence.equals("application/zip")
        || essence.equals("application/x-zip-compressed");
  }

  private static String safeType(String t) {
    String s = t.split(";", 2)[0].trim();
    return s.length() > 60 || !s.matches("[A-Za-z0-9.+/-]*") ? "(invalid)" : s;
  }
}
