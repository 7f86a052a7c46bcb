package org.coordo.server.feeds;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.coordo.server.text.PlainText;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Writes RSS 2.0 (with Rome): one {@code item} per {@link FeedItem}, its id as {@code guid}
 * ({@code isPermaLink="true"} only when the id is also the link), the sanitised HTML in
 * {@code content:encoded}, the plain summary HTML-escaped in {@code description}, the author as
 * {@code dc:creator} (RSS's own {@code author} wants an e-mail address), the categories and the city as
 * {@code category} (the city with the {@value FeedTerms#CITY_SCHEME} domain), and an
 * {@code atom:link rel="self"} on the channel. Characters XML forbids are dropped.
 */
public final class RssWriter {
  private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
  private static final String RSS_DOCS = "https://www.rssboard.org/rss-specification";

  private final String generator;

  /** @param generator the {@code generator} text, e.g. "Coordo 0.1.0" */
  public RssWriter(String generator) {
    this.generator = generator;
  }

  /** The feed as UTF-8 XML bytes. */
  public byte[] write(FeedMeta meta, List<FeedItem> items) {
    Channel channel = new Channel("rss_2.0");
    channel.setEncoding("UTF-8");
    channel.setTitle(XmlText.clean(meta.title()));
    channel.setLink((meta.htmlUrl() != null ? meta.htmlUrl() : meta.selfUrl()).toString());
    // RSS requires a description: the subtitle, else the title.
    channel.setDescription(XmlText.clean(meta.subtitle() != null ? meta.subtitle() : meta.title()));
    if (meta.language() != null) {
      channel.setLanguage(XmlText.clean(meta.language()));
    }
    channel.setPubDate(Date.from(meta.updated()));
    channel.setLastBuildDate(Date.from(meta.updated()));
    channel.setGenerator(XmlText.clean(generator));
    channel.setDocs(RSS_DOCS);
    Element self = new Element("link", ATOM);
    self.setAttribute("href", meta.selfUrl().toString());
    self.setAttribute("rel", "self");
    self.setAttribute("type", "application/rss+xml");
    List<Element> markup = new ArrayList<>();
    markup.add(self);
    channel.setForeignMarkup(markup);
    List<Item> out = new ArrayList<>(items.size());
    for (FeedItem item : items) {
      out.add(item(item));
    }
    channel.setItems(out);
    return XmlFeedOutput.bytes(channel, root -> root.addNamespaceDeclaration(ATOM));
  }

  private static Item item(FeedItem in) {
    Item item = new Item();
    item.setTitle(XmlText.clean(in.title()));
    String link = in.link().toString();
    item.setLink(link);
    Guid guid = new Guid();
    guid.setValue(in.id().toString());
    guid.setPermaLink(in.id().equals(in.link()));
    item.setGuid(guid);
    if (in.summary() != null && !in.summary().isBlank()) {
      Description description = new Description();
      description.setType("text/html");
      description.setValue(XmlText.clean(PlainText.escapeHtml(in.summary())));
      item.setDescription(description);
    }
    if (in.contentHtml() != null && !in.contentHtml().isBlank()) {
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(XmlText.clean(in.contentHtml()));
      item.setContent(content);
    }
    item.setPubDate(Date.from(in.published()));
    List<Category> categories = new ArrayList<>();
    for (String term : in.categories()) {
      categories.add(category(term, FeedTerms.CATEGORY_SCHEME));
    }
    if (in.city() != null) {
      categories.add(category(in.city(), FeedTerms.CITY_SCHEME));
    }
    item.setCategories(categories);
    if (in.authorName() != null) {
      DCModule dc = new DCModuleImpl();
      dc.setCreator(XmlText.clean(in.authorName()));
      List<Module> modules = new ArrayList<>();
      modules.add(dc);
      item.setModules(modules);
    }
    return item;
  }

  private static Category category(String term, String domain) {
    Category c = new Category();
    c.setValue(XmlText.clean(term));
    c.setDomain(domain);
    return c;
  }
}
