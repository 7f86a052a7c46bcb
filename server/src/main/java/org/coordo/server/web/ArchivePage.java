package org.coordo.server.web;

import java.util.List;

/**
 * One page of a collective's archive: its calls, its minutes, its upcoming or its past events,
 * {@value ArchivePages#PAGE} at a time, paged by the listing's cursor.
 *
 * @param archive which archive ({@link ArchivePages.Archive})
 * @param collectivePath {@code /collectives/{name}}
 * @param items this page's publications, in the archive's order
 * @param nextPath the next page's address, or null on the last page
 * @param later whether this is a page after the first (then the first is linked)
 */
public record ArchivePage(
    ArchivePages.Archive archive,
    String collectiveName,
    String collectivePath,
    List<PublicationView> items,
    String nextPath,
    boolean later) {

  /** The message key of the page's title, its empty notice and its next link ({@code archive.calls.title}…). */
  public String key(String what) {
    return "archive." + archive.id() + "." + what;
  }

  public String firstPath() {
    return collectivePath + "/" + archive.segment();
  }

  /** The other archives of the collective, for the page's navigation. */
  public List<ArchivePages.Archive> archives() {
    return List.of(ArchivePages.Archive.values());
  }

  public String pathOf(ArchivePages.Archive other) {
    return collectivePath + "/" + other.segment();
  }
}
