package org.coordo.server.feeds;

/** The feed formats the node serves, with their media types and usual file extensions. */
public enum FeedFormat {
  RSS("application/rss+xml; charset=utf-8", "rss"),
  ATOM("application/atom+xml; charset=utf-8", "atom"),
  ICALENDAR("text/calendar; charset=utf-8", "ics");

  private final String contentType;
  private final String extension;

  FeedFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /** The {@code Content-Type} header value, UTF-8 declared. */
  public String contentType() {
    return contentType;
  }

  /** The file extension, without the dot. */
  public String extension() {
    return extension;
  }
}
