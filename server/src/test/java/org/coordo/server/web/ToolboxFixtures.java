package org.coordo.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coordo.server.service.publication.MetadataStripperTest;

/** Files as members upload them: PDFs, a tagged photo, office files, an executable in disguise. */
final class ToolboxFixtures {
  private ToolboxFixtures() {}

  /** A small PDF whose text says {@code text}, with an author in its Info dictionary. */
  static byte[] pdf(String text) {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + "3 0 obj << /Author (Camille Martin) /Title (" + text + ") >> endobj\n"
        + "trailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A PNG drawn by the JDK with a {@code tEXt} chunk naming its author, right after the header. */
  static byte[] taggedPng() {
    byte[] png = MetadataStripperTest.image("png", 8, 8);
    byte[] data = "Author\0Camille Martin, 12 rue des Lilas".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    int len = data.length;
    chunk.write(len >>> 24);
    chunk.write(len >>> 16);
    chunk.write(len >>> 8);
    chunk.write(len);
    byte[] typeAndData = new byte[4 + len];
    System.arraycopy("tEXt".getBytes(StandardCharsets.ISO_8859_1), 0, typeAndData, 0, 4);
    System.arraycopy(data, 0, typeAndData, 4, len);
    chunk.writeBytes(typeAndData);
    CRC32 crc = new CRC32();
    crc.update(typeAndData);
    long c = crc.getValue();
    chunk.write((int) (c >>> 24));
    chunk.write((int) (c >>> 16));
    chunk.write((int) (c >>> 8));
    chunk.write((int) c);
    int afterIhdr = 8 + 25;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterIhdr);
    out.writeBytes(chunk.toByteArray());
    out.write(png, afterIhdr, png.length - afterIhdr);
    return out.toByteArray();
  }

  /** An ELF executable's first bytes, as a file named {@code tract.pdf} would carry. */
  static byte[] executable() {
    byte[] b = new byte[4096];
    b[0] = 0x7F;
    b[1] = 'E';
    b[2] = 'L';
    b[3] = 'F';
    return b;
  }

  /** A minimal Office Open XML word-processing file (what Word saves as .docx). */
  static byte[] docx() {
    return zip(false, new String[] {"[Content_Types].xml", "<Types/>"}, new String[] {"_rels/.rels", "<Relationships/>"},
        new String[] {"word/document.xml", "<w:document/>"});
  }

  /** The same with a macro project: a .docm in disguise. */
  static byte[] docxWithMacros() {
    return zip(false, new String[] {"[Content_Types].xml", "<Types/>"}, new String[] {"word/document.xml", "<w:document/>"},
        new String[] {"word/vbaProject.bin", "macro"});
  }

  /** A minimal OpenDocument text (what LibreOffice saves as .odt): {@code mimetype} first, stored. */
  static byte[] odt() {
    return zip(true, new String[] {"mimetype", "application/vnd.oasis.opendocument.text"},
        new String[] {"content.xml", "<office:document-content/>"});
  }

  private static byte[] zip(boolean firstStored, String[]... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      boolean first = true;
      for (String[] e : entries) {
        byte[] data = e[1].getBytes(StandardCharsets.UTF_8);
        ZipEntry entry = new ZipEntry(e[0]);
        if (first && firstStored) {
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(data.length);
          CRC32 crc = new CRC32();
          crc.update(data);
          entry.setCrc(crc.getValue());
        }
        first = false;
        z.putNextEntry(entry);
        z.write(data);
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
