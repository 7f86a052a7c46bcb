package org.coordo.server.feeds;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Namespace;

/**
 * Writes Atom 1.0 (RFC 4287, with Rome): the feed's id is its self URL; one {@code entry} per
 * {@link FeedItem} with the item's id as {@code id}, an alternate link, {@code published} and
 * {@code updated}, the summary as {@code type="text"}, the sanitised HTML as {@code content
 * type="html"}, the author, and the categories and the city as {@code category} terms (the city with
 * the {@value FeedTerms#CITY_SCHEME} scheme). The feed's title is its author, so that every entry has
 * one. The language goes in {@code xml:lang}. Characters XML forbids are dropped.
 */
public final class AtomWriter {
  private final String generatorName;
  private final String generatorVersion;

  /** @param generatorName e.g. "Coordo"; @param generatorVersion e.g. "0.1.0" */
  public AtomWriter(String generatorName, String generatorVersion) {
    this.generatorName = generatorName;
    this.generatorVersion = generatorVersion;
  }

  /** The feed as UTF-8 XML bytes. */
  public byte[] write(FeedMeta meta, List<FeedItem> items) {
    Feed feed = new Feed("atom_1.0");
    feed.setEncoding("UTF-8");
    feed.setId(meta.selfUrl().toString());
    feed.setTitleEx(text(meta.title()));
    if (meta.subtitle() != null) {
      feed.setSubtitle(text(meta.subtitle()));
    }
    feed.setUpdated(Date.from(meta.updated()));
    List<Link> links = new ArrayList<>();
    links.add(link("self", "application/atom+xml", meta.selfUrl()));
    if (meta.htmlUrl() != null) {
      List<Link> alternate = new ArrayList<>();
      alternate.add(link("alternate", "text/html", meta.htmlUrl()));
      feed.setAlternateLinks(alternate);
    }
    feed.setOtherLinks(links);
    feed.setAuthors(people(meta.title()));
    Generator generator = new Generator();
    generator.setValue(XmlText.clean(generatorName));
    generator.setVersion(XmlText.clean(generatorVersion));
    feed.setGenerator(generator);
    List<Entry> entries = new ArrayList<>(items.size());
    for (FeedItem item : items) {
      entries.add(entry(item));
    }
    feed.setEntries(entries);
    String language = meta.language() == null ? null : XmlText.clean(meta.language());
    return XmlFeedOutput.bytes(feed, root -> {
      // Rome keeps the language but does not write it: xml:lang on the feed element.
      if (language != null && !language.isBlank()) {
        root.setAttribute("lang", language, Namespace.XML_NAMESPACE);
      }
    });
  }

  private static Entry entry(FeedItem in) {
    Entry entry = new Entry();
    entry.setId(in.id().toString());
    entry.setTitleEx(text(in.title()));
    List<Link> alternate = new ArrayList<>();
    alternate.add(link("alternate", "text/html", in.link()));
    entry.setAlternateLinks(alternate);
    entry.setPublished(Date.from(in.published()));
    entry.setUpdated(Date.from(in.lastChange()));
    if (in.summary() != null && !in.summary().isBlank()) {
      entry.setSummary(text(in.summary()));
    }
    if (in.contentHtml() != null && !in.contentHtml().isBlank()) {
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(XmlText.clean(in.contentHtml()));
      List<Content> contents = new ArrayList<>();
      contents.add(content);
      entry.setContents(contents);
    }
    if (in.authorName() != null) {
      entry.setAuthors(people(in.authorName()));
    }
    List<Category> categories = new ArrayList<>();
    for (String term : in.categories()) {
      categories.add(category(term, FeedTerms.CATEGORY_SCHEME));
    }
    if (in.city() != null) {
      categories.add(category(in.city(), FeedTerms.CITY_SCHEME));
    }
    entry.setCategories(categories);
    return entry;
  }

  private static Content text(String value) {
    Content c = new Content();
    c.setType(Content.TEXT);
    c.setValue(XmlText.clean(value));
    return c;
  }

  private static Link link(String rel, String type, URI href) {
    Link link = new Link();
    link.setRel(rel);
    link.setType(type);
    link.setHref(href.toString());
    return link;
  }

  private static List<SyndPerson> people(String name) {
    Person person = new Person();
    person.setName(XmlText.clean(name));
    List<SyndPerson> people = new ArrayList<>();
    people.add(person);
    return people;
  }

  private static Category category(String term, String scheme) {
    Category c = new Category();
    c.setTerm(XmlText.clean(term));
    c.setScheme(scheme);
    return c;
  }
}
