package org.coordo.server.feeds;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/** Rome's wire feed → JDOM (for the touches Rome does not do) → compact UTF-8 XML bytes. */
final class XmlFeedOutput {
  private XmlFeedOutput() {}

  static byte[] bytes(WireFeed feed, Consumer<Element> adjustRoot) {
    Document doc;
    try {
      doc = new WireFeedOutput().outputJDom(feed);
    } catch (FeedException e) {
      throw new IllegalStateException(feed.getFeedType() + " generation failed", e);
    }
    adjustRoot.accept(doc.getRootElement());
    Format format = Format.getRawFormat().setEncoding("UTF-8").setLineSeparator("\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      new XMLOutputter(format).output(doc, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
