package org.coordo.server.service.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class OfficeSniffingTest {

  static byte[] zip(boolean firstStored, String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] data = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        ZipEntry e = new ZipEntry(namesAndContents[i]);
        if (i == 0 && firstStored) {
          e.setMethod(ZipEntry.STORED);
          e.setSize(data.length);
          CRC32 crc = new CRC32();
          crc.update(data);
          e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void officeOpenXmlFilesAreRecognisedByTheirMainPart() throws IOException {
    assertEquals(Optional.of(MediaSniffer.DOCX), MediaSniffer.sniff(zip(false, "[Content_Types].xml", "<Types/>",
        "word/document.xml", "<w:document/>")));
    assertEquals(Optional.of(MediaSniffer.XLSX), MediaSniffer.sniff(zip(false, "[Content_Types].xml", "<Types/>",
        "xl/workbook.xml", "<workbook/>")));
    assertEquals(Optional.of(MediaSniffer.PPTX), MediaSniffer.sniff(zip(false, "[Content_Types].xml", "<Types/>",
        "ppt/presentation.xml", "<p/>")));
  }

  @Test
  void openDocumentFilesAreRecognisedByTheirStoredMimetypeEntry() throws IOException {
    assertEquals(Optional.of(MediaSniffer.ODT), MediaSniffer.sniff(zip(true, "mimetype",
        "application/vnd.oasis.opendocument.text", "content.xml", "<x/>")));
    assertEquals(Optional.of(MediaSniffer.ODS), MediaSniffer.sniff(zip(true, "mimetype",
        "application/vnd.oasis.opendocument.spreadsheet")));
    assertEquals(Optional.of(MediaSniffer.ODP), MediaSniffer.sniff(zip(true, "mimetype",
        "application/vnd.oasis.opendocument.presentation")));
    assertTrue(MediaSniffer.sniff(zip(false, "mimetype", "application/vnd.oasis.opendocument.text")).isEmpty(),
        "a deflated mimetype entry is not OpenDocument");
  }

  @Test
  void macrosPlainZipsAndBrokenZipsAreRefused() throws IOException {
    assertTrue(MediaSniffer.sniff(zip(false, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>",
        "word/vbaProject.bin", "x")).isEmpty(), "a macro-enabled document");
    assertTrue(MediaSniffer.sniff(zip(false, "readme.txt", "hello", "setup.exe", "MZ")).isEmpty(), "a plain zip");
    byte[] docx = zip(false, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>");
    for (int cut : new int[] {4, 30, docx.length / 2, docx.length - 10}) {
      assertTrue(MediaSniffer.sniff(Arrays.copyOf(docx, cut)).isEmpty(), "cut at " + cut);
    }
    byte[] garbage = docx.clone();
    Arrays.fill(garbage, docx.length - 22, docx.length, (byte) 0xFF);
    assertTrue(MediaSniffer.sniff(garbage).isEmpty(), "no end of central directory");
  }

  @Test
  void attachmentsStayImagesAndPdfOnlyAndDocumentsTakeOfficeFilesToo() throws IOException {
    byte[] docx = zip(false, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>");
    assertFalse(MediaSniffer.ATTACHMENTS.contains(MediaSniffer.sniff(docx).orElseThrow()));
    assertTrue(MediaSniffer.DOCUMENTS.contains(MediaSniffer.sniff(docx).orElseThrow()));
    assertEquals(415, statusOf(() -> MediaIntake.accept(docx, null, MediaSniffer.ATTACHMENTS, 1 << 20, "x")));
    assertEquals(MediaSniffer.DOCX, MediaIntake.accept(docx, null, MediaSniffer.DOCUMENTS, 1 << 20, "x").type());
    assertEquals(413, statusOf(() -> MediaIntake.accept(docx, null, MediaSniffer.DOCUMENTS, docx.length - 1, "x")));
    assertEquals(415, statusOf(() -> MediaIntake.accept(docx, "application/pdf", MediaSniffer.DOCUMENTS, 1 << 20,
        "x")), "a declared type the bytes contradict");
  }

  @Test
  void officeDocumentPropertiesLoseTheAuthorAndCompanyAndTheFileStillReads() throws IOException {
    byte[] docx = zip(false, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document>Texte</w:document>",
        "docProps/core.xml", "<cp:coreProperties><dc:creator>Camille Martin</dc:creator></cp:coreProperties>",
        "docProps/app.xml", "<Properties><Company>Conseil départemental</Company></Properties>");
    byte[] clean = MetadataStripper.strip(MediaSniffer.DOCX, docx).orElseThrow();
    String text = unzipAll(clean);
    assertFalse(text.contains("Camille Martin") || text.contains("Conseil départemental"), text);
    assertTrue(text.contains("<w:document>Texte</w:document>"), "the content is kept");
    assertEquals(Optional.of(MediaSniffer.DOCX), MediaSniffer.sniff(clean));

    byte[] odt = zip(true, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<text>Bonjour</text>",
        "meta.xml", "<office:document-meta><meta:initial-creator>Camille Martin</meta:initial-creator></office:document-meta>");
    byte[] cleanOdt = MetadataStripper.strip(MediaSniffer.ODT, odt).orElseThrow();
    assertFalse(unzipAll(cleanOdt).contains("Camille Martin"));
    assertEquals(Optional.of(MediaSniffer.ODT), MediaSniffer.sniff(cleanOdt), "mimetype still first and stored");
  }

  @Test
  void anOfficeFileThatExpandsTooMuchIsRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("[Content_Types].xml"));
      z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("word/document.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 201; i++) {
        z.write(zeros);
      }
    }
    assertTrue(out.size() < 1 << 20, "a small bomb: " + out.size());
    assertTrue(MetadataStripper.strip(MediaSniffer.DOCX, out.toByteArray()).isEmpty());
  }

  private static String unzipAll(byte[] zip) throws IOException {
    StringBuilder all = new StringBuilder();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      while (in.getNextEntry() != null) {
        all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    return all.toString();
  }

  private static int statusOf(Runnable r) {
    try {
      r.run();
      return 200;
    } catch (org.coordo.server.error.NodeError e) {
      return e.status();
    }
  }
}
