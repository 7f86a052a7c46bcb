package org.coordo.server.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.toolbox.DocumentFile;
import org.coordo.server.domain.toolbox.FileVersion;
import org.coordo.server.domain.toolbox.ToolboxDocument;

/**
 * A toolbox document as the pages show it: its links (stable: a document's page, its main file, each
 * file's current version; and each version's own link), sizes and dates in the reader's language.
 * Who uploaded what is only for the members' space (the public page never names anyone).
 */
public final class ToolboxView {
  private final ToolboxDocument d;
  private final Locale locale;

  ToolboxView(ToolboxDocument d, Locale locale) {
    this.d = d;
    this.locale = locale;
  }

  /** A folder and its documents. */
  public record Folder(String name, List<ToolboxView> documents) {}

  /** A file's version as listed to editors. */
  public record Version(int number, String date, String by, String size, String href, boolean current) {}

  /** A file and its links. */
  public record File(int id, String name, String type, String size, String href, List<Version> previous,
      boolean image) {}

  /** Documents grouped by folder, named folders first (alphabetically), then those in none. */
  static List<Folder> shelves(List<ToolboxDocument> docs, Locale locale) {
    Map<String, List<ToolboxView>> byFolder = new LinkedHashMap<>();
    docs.stream().map(ToolboxDocument::folder).distinct()
        .sorted(java.text.Collator.getInstance(locale)::compare)
        .forEach(f -> byFolder.put(f, new ArrayList<>()));
    for (ToolboxDocument doc : docs) {
      byFolder.get(doc.folder()).add(new ToolboxView(doc, locale));
    }
    List<Folder> shelves = new ArrayList<>();
    byFolder.forEach((name, list) -> {
      if (!name.isEmpty()) {
        shelves.add(new Folder(name, list));
      }
    });
    if (byFolder.containsKey("")) {
      shelves.add(new Folder("", byFolder.get("")));
    }
    return shelves;
  }

  static String publicPath(String collective) {
    return "/collectives/" + collective + "/toolbox";
  }

  static String spacePath(String collective) {
    return "/espace/" + collective + "/toolbox";
  }

  public String id() {
    return d.id();
  }

  public String title() {
    return d.title();
  }

  public String description() {
    return d.description();
  }

  public String folder() {
    return d.folder();
  }

  public boolean isPublic() {
    return d.isPublic();
  }

  public String audience() {
    return d.audience().wire();
  }

  /** The document's page: stable, what a call or minutes link to. */
  public String path() {
    return publicPath(d.collective()) + "/" + d.id();
  }

  /** The main file's current version: stable across new versions. */
  public String downloadPath() {
    return path() + "/download";
  }

  public String editPath() {
    return spacePath(d.collective()) + "/doc/" + d.id();
  }

  public String updated() {
    return date(d.updatedAt());
  }

  public String updatedBy() {
    return d.updatedBy();
  }

  public String created() {
    return date(d.createdAt());
  }

  public String createdBy() {
    return d.createdBy();
  }

  public List<File> files() {
    List<File> files = new ArrayList<>();
    for (DocumentFile f : d.files()) {
      FileVersion current = f.current();
      String href = path() + "/files/" + f.id();
      List<Version> previous = f.previous().stream().map(v -> new Version(v.number(), date(v.uploadedAt()),
          v.uploadedBy(), size(v.size()), href + "/versions/" + v.number(), false)).toList();
      files.add(new File(f.id(), f.name(), current.extension().toUpperCase(Locale.ROOT), size(current.size()), href,
          previous, current.isImage()));
    }
    return files;
  }

  /** The current version's line for editors: number, date, who. */
  public List<Version> currentVersions() {
    return d.files().stream().map(f -> {
      FileVersion v = f.current();
      return new Version(v.number(), date(v.uploadedAt()), v.uploadedBy(), size(v.size()),
          path() + "/files/" + f.id(), true);
    }).toList();
  }

  private String date(Instant at) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
        .format(at.atZone(NodeTime.DEFAULT_ZONE));
  }

  /** "850 Ko", "1,2 Mo" (French) / "850 KB", "1.2 MB". */
  String size(long bytes) {
    boolean fr = locale.getLanguage().equals("fr");
    if (bytes < 1024 * 1024) {
      return Math.max(1, Math.round(bytes / 1024.0)) + (fr ? " Ko" : " KB");
    }
    return String.format(locale, "%.1f", bytes / (1024.0 * 1024)) + (fr ? " Mo" : " MB");
  }
}
