package org.coordo.server.domain.toolbox;

import java.time.Instant;

/**
 * One version of a document's file: content-addressed bytes under {@code dataDir/toolbox/}.
 *
 * @param number 1 for the first upload, then 2, 3… as the file is replaced
 * @param hash lower-case hex SHA-256 of the stored (cleaned) bytes
 * @param extension the sniffed type's extension (pdf, odt, png…)
 * @param mediaType the sniffed media type
 * @param size bytes
 * @param uploadedAt when it was uploaded
 * @param uploadedBy the username of who uploaded it (shown to editors only)
 */
public record FileVersion(int number, String hash, String extension, String mediaType, long size,
    Instant uploadedAt, String uploadedBy) {

  /** The stored file's name under {@code dataDir/toolbox/}. */
  public String storedName() {
    return hash + "." + extension;
  }

  public boolean isImage() {
    return mediaType.startsWith("image/");
  }
}
