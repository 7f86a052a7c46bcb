package org.coordo.server.service.publication;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises office files inside a zip without unpacking it. OpenDocument: the first entry is {@code
 * mimetype}, stored uncompressed, holding the type (ODF 1.2 part 3, §3.3). Office Open XML: the
 * central directory lists {@code [Content_Types].xml} and the main part ({@code word/document.xml},
 * {@code xl/workbook.xml}, {@code ppt/presentation.xml}); a package with a macro project
 * ({@code vbaProject.bin}) is refused. Anything that does not parse → empty.
 */
final class OfficeZip {
  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_DIRECTORY = 0x06054b50;
  private static final int MAX_ENTRIES = 10_000;

  private OfficeZip() {}

  static Optional<MediaSniffer> sniff(byte[] b) {
    try {
      Optional<MediaSniffer> odf = openDocument(b);
      return odf.isPresent() ? odf : officeOpenXml(b);
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static Optional<MediaSniffer> openDocument(byte[] b) {
    if (u32(b, 0) != LOCAL_HEADER || u16(b, 8) != 0) { // "mimetype" is stored, not deflated
      return Optional.empty();
    }
    int nameLength = u16(b, 26);
    int extraLength = u16(b, 28);
    long size = u32(b, 18);
    String name = new String(b, 30, nameLength, StandardCharsets.US_ASCII);
    if (!name.equals("mimetype") || size > 100) {
      return Optional.empty();
    }
    String type = new String(b, 30 + nameLength + extraLength, (int) size, StandardCharsets.US_ASCII).trim();
    return switch (type) {
      case "application/vnd.oasis.opendocument.text" -> Optional.of(MediaSniffer.ODT);
      case "application/vnd.oasis.opendocument.spreadsheet" -> Optional.of(MediaSniffer.ODS);
      case "application/vnd.oasis.opendocument.presentation" -> Optional.of(MediaSniffer.ODP);
      default -> Optional.empty();
    };
  }

  private static Optional<MediaSniffer> officeOpenXml(byte[] b) {
    Set<String> names = centralDirectory(b);
    if (!names.contains("[Content_Types].xml") || names.stream().anyMatch(n -> n.endsWith("vbaProject.bin"))) {
      return Optional.empty();
    }
    if (names.contains("word/document.xml")) {
      return Optional.of(MediaSniffer.DOCX);
    }
    if (names.contains("xl/workbook.xml")) {
      return Optional.of(MediaSniffer.XLSX);
    }
    if (names.contains("ppt/presentation.xml")) {
      return Optional.of(MediaSniffer.PPTX);
    }
    return Optional.empty();
  }

  /** The entry names of the zip's central directory (empty when there is none to read). */
  private static Set<String> centralDirectory(byte[] b) {
    Set<String> names = new HashSet<>();
    int end = -1;
    for (int at = b.length - 22; at >= Math.max(0, b.length - 22 - 65535); at--) {
      if (u32(b, at) == END_OF_DIRECTORY) {
        end = at;
        break;
      }
    }
    if (end < 0) {
      return names;
    }
    int count = u16(b, end + 10);
    long offset = u32(b, end + 16);
    if (count > MAX_ENTRIES || offset >= end) {
      return names;
    }
    int at = (int) offset;
    for (int i = 0; i < count; i++) {
      if (u32(b, at) != CENTRAL_HEADER) {
        return names;
      }
      int nameLength = u16(b, at + 28);
      int extraLength = u16(b, at + 30);
      int commentLength = u16(b, at + 32);
      names.add(new String(b, at + 46, nameLength, StandardCharsets.UTF_8));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
  }
}
