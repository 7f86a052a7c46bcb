package org.coordo.server.service.publication;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The file types the node accepts, recognised by their bytes (never by the declared type or the file
 * name alone). Publication attachments take {@link #ATTACHMENTS}; the toolbox's documents also take
 * office files ({@link #DOCUMENTS}): OpenDocument (its {@code mimetype} entry, first in the zip, names
 * the type) and Office Open XML (its {@code [Content_Types].xml} and main part, read from the zip's
 * central directory; a file with macros, {@code vbaProject.bin}, is none of ours). Legacy binary
 * Office files ({@code .doc}, {@code .xls}) and SVG (it can carry script) are not accepted.
 */
public enum MediaSniffer {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg"),
  WEBP("image/webp", "webp"),
  GIF("image/gif", "gif"),
  PDF("application/pdf", "pdf"),
  ODT("application/vnd.oasis.opendocument.text", "odt"),
  ODS("application/vnd.oasis.opendocument.spreadsheet", "ods"),
  ODP("application/vnd.oasis.opendocument.presentation", "odp"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
  PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");

  /** What a publication may carry (and {@code /media/} serves). */
  public static final Set<MediaSniffer> ATTACHMENTS = Set.copyOf(EnumSet.of(PNG, JPEG, WEBP, GIF, PDF));
  /** What a toolbox document may hold: the attachments and office files. */
  public static final Set<MediaSniffer> DOCUMENTS = Set.copyOf(EnumSet.allOf(MediaSniffer.class));

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

  /** Whether a browser may show it in the page rather than download it (raster images only: no script). */
  public boolean isImage() {
    return mediaType.startsWith("image/");
  }

  /** The type the bytes are, if one we know. */
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
    if (startsWith(b, 0, 'P', 'K', 3, 4)) {
      return OfficeZip.sniff(b);
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
