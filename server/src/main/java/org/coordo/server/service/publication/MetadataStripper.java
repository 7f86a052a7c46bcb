package org.coordo.server.service.publication;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Set;

/**
 * Removes what a photo says about its author before it is published: EXIF (GPS position, camera,
 * date), XMP, IPTC and comments in JPEG; text, EXIF and time chunks in PNG; EXIF and XMP chunks in
 * WebP (with the extended header's flags cleared); the document properties of office files (author,
 * company: {@link OfficeMetadata}). PDFs are kept as they are (see the toolbox's known gaps). A JPEG keeps only its
 * orientation, rewritten as a minimal EXIF block, so phone photos are not shown sideways. Image data
 * and colour information are copied unchanged. Structural errors → empty (the upload is refused).
 */
final class MetadataStripper {
  private static final Set<String> PNG_DROPPED = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

  private MetadataStripper() {}

  static Optional<byte[]> strip(MediaSniffer type, byte[] bytes) {
    try {
      return switch (type) {
        case JPEG -> Optional.of(jpeg(bytes));
        case PNG -> Optional.of(png(bytes));
        case WEBP -> Optional.of(webp(bytes));
        case ODT, ODS, ODP, DOCX, XLSX, PPTX -> Optional.of(OfficeMetadata.strip(bytes));
        default -> Optional.of(bytes);
      };
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static byte[] jpeg(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    out.write(0xFF);
    out.write(0xD8);
    int at = 2;
    Integer orientation = null;
    boolean orientationWritten = false;
    while (true) {
      if ((in[at] & 0xFF) != 0xFF) {
        throw new IllegalArgumentException("not a JPEG marker");
      }
      int marker = in[at + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        at++;
        continue;
      }
      if (marker == 0xD9) { // EOI before any scan
        out.write(in, at, 2);
        return out.toByteArray();
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        out.write(in, at, 2);
        at += 2;
        continue;
      }
      int length = ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
      if (length < 2 || at + 2 + length > in.length) {
        throw new IllegalArgumentException("bad JPEG segment length");
      }
      boolean app1 = marker == 0xE1;
      if (app1 && orientation == null) {
        orientation = exifOrientation(in, at + 4, length - 2);
      }
      boolean drop = app1 || marker == 0xED || marker == 0xFE;
      if (!drop && !orientationWritten && orientation != null && !(marker >= 0xE0 && marker <= 0xEF)) {
        out.writeBytes(orientationExif(orientation));
        orientationWritten = true;
      }
      if (marker == 0xDA) { // start of scan: the rest is image data
        if (!orientationWritten && orientation != null) {
          out.writeBytes(orientationExif(orientation));
        }
        out.write(in, at, in.length - at);
        return out.toByteArray();
      }
      if (!drop) {
        out.write(in, at, 2 + length);
      }
      at += 2 + length;
    }
  }

  /** The orientation (1–8) in an APP1 Exif payload, or null. */
  private static Integer exifOrientation(byte[] b, int start, int length) {
    if (length < 14 || !(b[start] == 'E' && b[start + 1] == 'x' && b[start + 2] == 'i' && b[start + 3] == 'f')) {
      return null;
    }
    int tiff = start + 6;
    boolean big = b[tiff] == 'M';
    int ifd = tiff + (int) read(b, tiff + 4, 4, big);
    int end = start + length;
    if (ifd + 2 > end) {
      return null;
    }
    int count = (int) read(b, ifd, 2, big);
    for (int i = 0; i < count; i++) {
      int entry = ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        return null;
      }
      if (read(b, entry, 2, big) == 0x0112) {
        int value = (int) read(b, entry + 8, 2, big);
        return value >= 1 && value <= 8 && value != 1 ? value : null;
      }
    }
    return null;
  }

  private static long read(byte[] b, int at, int width, boolean bigEndian) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      int byteAt = bigEndian ? at + i : at + width - 1 - i;
      v = (v << 8) | (b[byteAt] & 0xFF);
    }
    return v;
  }

  /** APP1 with a big-endian TIFF header and one IFD entry: Orientation. */
  static byte[] orientationExif(int orientation) {
    return new byte[] {
      (byte) 0xFF, (byte) 0xE1, 0, 34, // marker, length (34 bytes including itself)
      'E', 'x', 'i', 'f', 0, 0,
      'M', 'M', 0, 42, 0, 0, 0, 8, // TIFF header, IFD0 at 8
      0, 1, // one entry
      0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
      0, 0, 0, 0 // no next IFD
    };
  }

  static byte[] png(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    out.write(in, 0, 8);
    int at = 8;
    while (at < in.length) {
      long length = read(in, at, 4, true);
      if (length > Integer.MAX_VALUE || at + 12 + length > in.length) {
        throw new IllegalArgumentException("bad PNG chunk length");
      }
      String type = new String(in, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      int size = 12 + (int) length;
      if (!PNG_DROPPED.contains(type)) {
        out.write(in, at, size);
      }
      at += size;
      if (type.equals("IEND")) {
        break;
      }
    }
    return out.toByteArray();
  }

  static byte[] webp(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    out.write(in, 0, 12); // RIFF, size (rewritten below), WEBP
    int riffEnd = (int) Math.min(in.length, 8 + read(in, 4, 4, false));
    int at = 12;
    while (at + 8 <= riffEnd) {
      String type = new String(in, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      long length = read(in, at + 4, 4, false);
      long padded = length + (length & 1);
      if (at + 8 + length > in.length) {
        throw new IllegalArgumentException("bad WebP chunk length");
      }
      int size = (int) Math.min(8 + padded, in.length - at);
      if (type.equals("VP8X") && length >= 1) {
        byte[] chunk = java.util.Arrays.copyOfRange(in, at, at + size);
        chunk[8] &= (byte) ~0x0C; // no EXIF, no XMP
        out.writeBytes(chunk);
      } else if (!type.equals("EXIF") && !type.equals("XMP ")) {
        out.write(in, at, size);
      }
      at += size;
    }
    byte[] result = out.toByteArray();
    int riffSize = result.length - 8;
    result[4] = (byte) riffSize;
    result[5] = (byte) (riffSize >>> 8);
    result[6] = (byte) (riffSize >>> 16);
    result[7] = (byte) (riffSize >>> 24);
    return result;
  }
}
