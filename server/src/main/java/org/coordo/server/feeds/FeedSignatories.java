package org.coordo.server.feeds;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.service.cosign.CoSigning;
import org.coordo.server.text.PlainText;
import org.coordo.server.text.SafeUrls;

/**
 * Feed names that also name a co-signed call's signatories (issue 17): each item of a call with
 * signatories ends with a paragraph "Signataires : …", each name linked to its page. Co-signers are
 * co-authors, so they join the authors' step ({@link #withAuthors}).
 */
public final class FeedSignatories implements FeedNames {
  private final FeedNames names;
  private final CoSigning cosigning;

  private FeedSignatories(FeedNames names, CoSigning cosigning) {
    this.names = names;
    this.cosigning = cosigning;
  }

  /** {@code names}, with signatories when {@code cosigning} is given. */
  public static FeedNames of(FeedNames names, CoSigning cosigning) {
    return cosigning == null ? names : new FeedSignatories(names, cosigning);
  }

  @Override
  public Future<String> collective(String name) {
    return names.collective(name);
  }

  @Override
  public Future<Map<String, String>> people(Collection<String> usernames) {
    return names.people(usernames);
  }

  @Override
  public Future<List<FeedItem>> withAuthors(List<FeedItem> items) {
    return names.withAuthors(items).compose(named -> cosigning
        .signatoriesOfAll(named.stream().filter(i -> i.categories().contains("calls")).map(i -> i.id().toString()).toList())
        .map(all -> named.stream().map(i -> {
          CallSignatories s = all.get(i.id().toString());
          return s == null ? i : withParagraph(i, s);
        }).toList()));
  }

  /** The item with "Signataires : …" appended to its content (escaped names, safe links only). */
  static FeedItem withParagraph(FeedItem i, CallSignatories s) {
    String list = s.signatories().stream().map(FeedSignatories::link).collect(Collectors.joining(", "));
    String html = (i.contentHtml() == null ? "" : i.contentHtml()) + "<p>Signataires : " + list + "</p>";
    return new FeedItem(i.id(), i.url(), i.title(), i.summary(), html, i.published(), i.updated(), i.authorName(),
        i.categories(), i.city());
  }

  private static String link(Signatory s) {
    String name = PlainText.escapeHtml(s.name());
    return SafeUrls.http(s.url()).map(u -> "<a href=\"" + PlainText.escapeHtml(u) + "\">" + name + "</a>").orElse(name);
  }
}
