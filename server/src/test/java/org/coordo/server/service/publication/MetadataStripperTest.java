package org.coordo.server.service.publication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

public class MetadataStripperTest {

  /** A real image of the given format (png, jpg), drawn by the JDK. */
  public static byte[] image(String format, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, format, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Inserts {@code segment} right after the JPEG's SOI marker. */
  static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(segment);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static byte[] segment(int marker, byte[] payload) {
    int length = payload.length + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(marker);
    out.write(length >> 8);
    out.write(length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** An Exif APP1 payload (little-endian) with Orientation = 6 and a GPS-looking string. */
  static byte[] exif() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
    p.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0});
    p.writeBytes("GPS 45.1885N 5.7245E secret".getBytes(StandardCharsets.ISO_8859_1));
    return p.toByteArray();
  }

  static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }

  @Test
  void jpegLosesExifXmpAndCommentsButKeepsItsOrientationAndPixels() throws IOException {
    byte[] plain = image("jpg", 8, 6);
    byte[] tagged = insertAfterSoi(plain, concat(segment(0xE1, exif()),
        segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>author</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)),
        segment(0xFE, "shot by dana".getBytes(StandardCharsets.ISO_8859_1))));
    byte[] clean = MetadataStripper.strip(MediaSniffer.JPEG, tagged).orElseThrow();
    assertFalse(contains(clean, "GPS"), "GPS gone");
    assertFalse(contains(clean, "xmpmeta"), "XMP gone");
    assertFalse(contains(clean, "dana"), "comment gone");
    assertTrue(contains(clean, new String(MetadataStripper.orientationExif(6), StandardCharsets.ISO_8859_1)),
        "orientation kept");
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(clean));
    assertEquals(8, back.getWidth());
    assertEquals(6, back.getHeight());
    // a JPEG without metadata goes through unchanged
    assertArrayEquals(plain, MetadataStripper.strip(MediaSniffer.JPEG, plain).orElseThrow());
  }

  @Test
  void pngLosesTextAndExifChunks() throws IOException {
    byte[] plain = image("png", 5, 5);
    byte[] text = "Author\0dana, 12 rue X".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    chunk.writeBytes(new byte[] {0, 0, 0, (byte) text.length});
    chunk.writeBytes("tEXt".getBytes(StandardCharsets.ISO_8859_1));
    chunk.writeBytes(text);
    chunk.writeBytes(new byte[4]); // CRC: never checked, the chunk is dropped
    ByteArrayOutputStream tagged = new ByteArrayOutputStream();
    tagged.write(plain, 0, 33); // signature + IHDR
    tagged.writeBytes(chunk.toByteArray());
    tagged.write(plain, 33, plain.length - 33);
    byte[] clean = MetadataStripper.strip(MediaSniffer.PNG, tagged.toByteArray()).orElseThrow();
    assertFalse(contains(clean, "dana"));
    assertArrayEquals(plain, clean);
    assertEquals(5, ImageIO.read(new ByteArrayInputStream(clean)).getWidth());
  }

  static byte[] riffChunk(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[] {(byte) data.length, (byte) (data.length >> 8), 0, 0});
    out.writeBytes(data);
    if ((data.length & 1) == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  static byte[] webp(byte[]... chunks) {
    byte[] body = concat(chunks);
    int size = body.length + 4;
    return concat("RIFF".getBytes(StandardCharsets.ISO_8859_1),
        new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), 0}, "WEBP".getBytes(StandardCharsets.ISO_8859_1),
        body);
  }

  @Test
  void webpLosesExifAndXmpChunksAndTheirFlags() {
    byte[] vp8x = new byte[10];
    vp8x[0] = 0x0C | 0x10; // EXIF, XMP, alpha
    byte[] image = riffChunk("VP8L", new byte[] {0x2F, 1, 2, 3, 4});
    byte[] tagged = webp(riffChunk("VP8X", vp8x), image, riffChunk("EXIF", "GPS 45N 5E".getBytes(StandardCharsets.ISO_8859_1)),
        riffChunk("XMP ", "<x:xmpmeta>dana</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)));
    byte[] clean = MetadataStripper.strip(MediaSniffer.WEBP, tagged).orElseThrow();
    byte[] expectedVp8x = vp8x.clone();
    expectedVp8x[0] = 0x10;
    assertArrayEquals(webp(riffChunk("VP8X", expectedVp8x), image), clean);
    assertTrue(MediaSniffer.sniff(clean).orElseThrow() == MediaSniffer.WEBP);
  }

  @Test
  void truncatedImagesAreRefused() {
    byte[] png = image("png", 5, 5);
    assertTrue(MetadataStripper.strip(MediaSniffer.PNG, java.util.Arrays.copyOf(png, 20)).isEmpty());
    byte[] jpg = image("jpg", 5, 5);
    assertTrue(MetadataStripper.strip(MediaSniffer.JPEG, java.util.Arrays.copyOf(jpg, 10)).isEmpty());
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
