package org.coordo.server.domain.publication;

/**
 * A stored attachment: content-addressed by the SHA-256 of its bytes.
 *
 * @param hash lower-case hex SHA-256
 * @param extension file extension without dot (png, jpg, webp, gif, pdf)
 * @param mediaType the sniffed media type
 * @param size bytes
 * @param name a description (alt text / title), or null
 */
public record MediaRef(String hash, String extension, String mediaType, long size, String name) {

  /** The file name under {@code dataDir/media/} and in the {@code /media/} URL. */
  public String fileName() {
    return hash + "." + extension;
  }

  public boolean isImage() {
    return mediaType.startsWith("image/");
  }

  public MediaRef withName(String newName) {
    return new MediaRef(hash, extension, mediaType, size, newName);
  }
}
