package org.coordo.server.service.publication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Empties the document properties of an office file, where its author's name, their employer and the
 * dates are kept: OpenDocument's {@code meta.xml}, Office Open XML's {@code docProps/core.xml} (creator,
 * last modified by), {@code docProps/app.xml} (company, manager) and {@code docProps/custom.xml}. Each is
 * replaced by a valid empty document of its kind, so the file still opens; every other entry is copied
 * as it is (content, styles, images), in the same order, {@code mimetype} still first and stored.
 *
 * <p>Not removed: names inside the content itself (comment authors, tracked changes), and a document
 * signature no longer matches. A zip that expands past {@value #MAX_EXPANDED} bytes, or does not read,
 * is refused (empty).
 */
final class OfficeMetadata {
  /** The most a 10 MiB office file may expand to (a zip bomb goes no further). */
  static final long MAX_EXPANDED = 200L * 1024 * 1024;

  private static final Map<String, String> EMPTY = Map.of(
      "meta.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta "
          + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:version=\"1.2\">"
          + "<office:meta/></office:document-meta>",
      "docProps/core.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
          + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"/>",
      "docProps/app.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties "
          + "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"/>",
      "docProps/custom.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties "
          + "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"/>");

  private OfficeMetadata() {}

  static byte[] strip(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    long expanded = 0;
    try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(in));
        ZipOutputStream zout = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = zin.getNextEntry()) != null) {
        byte[] data = EMPTY.containsKey(e.getName()) ? EMPTY.get(e.getName()).getBytes(StandardCharsets.UTF_8)
            : readBounded(zin, MAX_EXPANDED - expanded);
        expanded += data.length;
        ZipEntry copy = new ZipEntry(e.getName());
        if (e.getMethod() == ZipEntry.STORED) {
          copy.setMethod(ZipEntry.STORED);
          copy.setSize(data.length);
          copy.setCompressedSize(data.length);
          CRC32 crc = new CRC32();
          crc.update(data);
          copy.setCrc(crc.getValue());
        }
        zout.putNextEntry(copy);
        zout.write(data);
        zout.closeEntry();
      }
    } catch (ZipException e) {
      throw new IllegalArgumentException("unreadable zip", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable zip", e);
    }
    return out.toByteArray();
  }

  private static byte[] readBounded(InputStream in, long room) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (b.size() + (long) n > room) {
        throw new IllegalArgumentException("zip expands too much");
      }
      b.write(buf, 0, n);
    }
    return b.toByteArray();
  }
}
