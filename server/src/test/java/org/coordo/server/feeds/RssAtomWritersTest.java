package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class RssAtomWritersTest {
  private final RssWriter rss = new RssWriter("Coordo test");
  private final AtomWriter atom = new AtomWriter("Coordo", "test");

  private static SyndFeed parse(byte[] bytes) throws Exception {
    return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(bytes)));
  }

  private static Object parseWire(byte[] bytes) throws Exception {
    return new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
  }

  @Test
  void rssParsesBackWithItemsIdsDatesAndLinks() throws Exception {
    byte[] bytes = rss.write(FeedFixtures.meta(), List.of(FeedFixtures.call(), FeedFixtures.tricky()));
    String xml = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);

    SyndFeed feed = parse(bytes);
    assertEquals("rss_2.0", feed.getFeedType());
    assertEquals("Coordo Grenoble : appels", feed.getTitle());
    assertEquals("fr", feed.getLanguage());
    assertEquals(2, feed.getEntries().size());

    SyndEntry first = feed.getEntries().get(0);
    assertEquals(FeedFixtures.call().id().toString(), first.getUri());
    assertEquals(FeedFixtures.call().url().toString(), first.getLink());
    assertEquals("Appel à la grève du 14 mars", first.getTitle());
    assertEquals(Date.from(FeedFixtures.PUBLISHED), first.getPublishedDate());
    assertEquals("Camille", first.getAuthor());
    assertEquals(List.of("CAUSES", "MOVEMENTS_POLITICS", "grenoble"),
        first.getCategories().stream().map(SyndCategory::getName).toList());
    assertEquals(FeedTerms.CITY_SCHEME, first.getCategories().get(2).getTaxonomyUri());
    assertEquals("<p>Rendez-vous à <strong>14 h</strong> place Grenette.</p>", first.getContents().get(0).getValue());

    Channel channel = (Channel) parseWire(bytes);
    assertEquals(Date.from(FeedFixtures.UPDATED), channel.getLastBuildDate());
    Item call = channel.getItems().get(0);
    assertTrue(call.getGuid().isPermaLink(), "the id is the page: a permalink");
    Item tricky = channel.getItems().get(1);
    assertEquals(FeedFixtures.tricky().id().toString(), tricky.getGuid().getValue());
    assertFalse(tricky.getGuid().isPermaLink(), "the id is not the page");
    assertEquals(FeedFixtures.tricky().url().toString(), tricky.getLink());
    assertTrue(xml.contains("<atom:link href=\"" + FeedFixtures.meta().selfUrl() + "\" rel=\"self\" type=\"application/rss+xml\" />"), xml);
    assertTrue(xml.contains("<rss xmlns:atom=\"http://www.w3.org/2005/Atom\""), "atom declared once, on the root: " + xml);
  }

  @Test
  void atomParsesBackWithEntriesIdsDatesAndLinks() throws Exception {
    byte[] bytes = atom.write(FeedFixtures.meta(), List.of(FeedFixtures.call(), FeedFixtures.tricky()));
    String xml = new String(bytes, StandardCharsets.UTF_8);

    SyndFeed feed = parse(bytes);
    assertEquals("atom_1.0", feed.getFeedType());
    assertEquals(FeedFixtures.meta().selfUrl().toString(), feed.getUri());
    assertEquals(Date.from(FeedFixtures.UPDATED), feed.getPublishedDate());
    assertTrue(feed.getLinks().stream().anyMatch(l -> "self".equals(l.getRel())
        && FeedFixtures.meta().selfUrl().toString().equals(l.getHref())));
    assertEquals(2, feed.getEntries().size());

    SyndEntry first = feed.getEntries().get(0);
    assertEquals(FeedFixtures.call().id().toString(), first.getUri());
    assertEquals(FeedFixtures.call().url().toString(), first.getLink());
    assertEquals(Date.from(FeedFixtures.PUBLISHED), first.getPublishedDate());
    assertEquals(Date.from(FeedFixtures.UPDATED), first.getUpdatedDate());
    assertEquals("Camille", first.getAuthor());
    assertEquals("html", first.getContents().get(0).getType());
    assertEquals(FeedFixtures.call().contentHtml(), first.getContents().get(0).getValue());
    assertEquals(FeedFixtures.call().summary(), first.getDescription().getValue());

    Feed wire = (Feed) parseWire(bytes);
    // Rome's parser ignores xml:lang: read it with JDOM.
    org.jdom2.Element root = new org.jdom2.input.SAXBuilder().build(new ByteArrayInputStream(bytes)).getRootElement();
    assertEquals("fr", root.getAttributeValue("lang", org.jdom2.Namespace.XML_NAMESPACE));
    Entry second = wire.getEntries().get(1);
    assertEquals(FeedFixtures.tricky().id().toString(), second.getId());
    assertEquals(FeedFixtures.tricky().url().toString(), second.getAlternateLinks().get(0).getHref());
    assertEquals(Date.from(FeedFixtures.tricky().published()), second.getUpdated(), "never updated: published");
    assertNull(second.getContents().isEmpty() ? null : second.getContents().get(0));
  }

  @Test
  void htmlInTitlesIsEscapedAndControlCharactersDropped() throws Exception {
    for (byte[] bytes : List.of(rss.write(FeedFixtures.meta(), List.of(FeedFixtures.tricky())),
        atom.write(FeedFixtures.meta(), List.of(FeedFixtures.tricky())))) {
      String xml = new String(bytes, StandardCharsets.UTF_8);
      assertFalse(xml.contains("<script>"), xml);
      assertFalse(xml.contains("\u0007"), xml);
      assertTrue(xml.contains("&lt;script&gt;"), xml);
      SyndEntry entry = parse(bytes).getEntries().get(0);
      assertEquals("<script>alert('x')</script> & \"AG\" du 3 mars", entry.getTitle());
    }
    // RSS descriptions are HTML: the plain summary is escaped once more, so readers show it as written.
    String rssXml = new String(rss.write(FeedFixtures.meta(), List.of(FeedFixtures.tricky())), StandardCharsets.UTF_8);
    assertTrue(rssXml.contains("a &amp;lt; b &amp;amp; c &amp;gt; d"), rssXml);
  }

  @Test
  void emptyFeedsAreValid() throws Exception {
    assertEquals(0, parse(rss.write(FeedFixtures.meta(), List.of())).getEntries().size());
    SyndFeed feed = parse(atom.write(FeedFixtures.meta(), List.of()));
    assertEquals(0, feed.getEntries().size());
    assertEquals("Coordo Grenoble : appels", feed.getTitle());
    List<SyndLink> links = feed.getLinks();
    assertFalse(links.isEmpty());
  }
}
