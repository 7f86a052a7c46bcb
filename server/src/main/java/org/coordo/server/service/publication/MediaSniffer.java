package org.coordo.server.service.publication;

import java.util.Locale;
import java.util.Optional;

/**
 * The attachment types we accept, recognised by their magic bytes (never by the declared type or
 * the file name alone).
 */
public enum MediaSniffer {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg"),
  WEBP("image/webp", "webp"),
  GIF("image/gif", "gif"),
  PDF("application/pdf", "pdf");

  private final String mediaType;
  private final String extension;

  MediaSniffer(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** The type the bytes are, if one we accept. */
  public static Optional<MediaSniffer> sniff(byte[] b) {
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
      return Optional.of(GIF);
    }
    if (startsWith(b, 0, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    return Optional.empty();
  }

  /** The accepted type a declared media type names ({@code image/jpg} taken as JPEG). */
  public static Optional<MediaSniffer> fromDeclared(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (essence.equals("image/jpg") || essence.equals("image/pjpeg")) {
      return Optional.of(JPEG);
    }
    for (MediaSniffer m : values()) {
      if (m.mediaType.equals(essence)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The type a stored file's extension names. */
  public static Optional<MediaSniffer> fromExtension(String ext) {
    for (MediaSniffer m : values()) {
      if (m.extension.equals(ext)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] b, int offset, int... magic) {
    if (b.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
