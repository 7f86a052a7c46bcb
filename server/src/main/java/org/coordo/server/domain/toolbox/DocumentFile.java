package org.coordo.server.domain.toolbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One file of a document, with every version uploaded (oldest first); the last one is current.
 *
 * @param id its number within the document (1, 2…), stable across versions: the file's download URL
 * @param name the file name shown and offered when downloading (sanitised, its extension the sniffed type's)
 */
public record DocumentFile(int id, String name, List<FileVersion> versions) {

  public DocumentFile {
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a file has at least one version");
    }
  }

  public FileVersion current() {
    return versions.get(versions.size() - 1);
  }

  public Optional<FileVersion> version(int number) {
    return versions.stream().filter(v -> v.number() == number).findFirst();
  }

  /** The older versions, newest first (what editors see). */
  public List<FileVersion> previous() {
    List<FileVersion> older = new ArrayList<>(versions.subList(0, versions.size() - 1));
    java.util.Collections.reverse(older);
    return older;
  }

  /** This file with {@code next} as its current version, under {@code newName}. */
  public DocumentFile replacedBy(String newName, FileVersion next) {
    List<FileVersion> all = new ArrayList<>(versions);
    all.add(next);
    return new DocumentFile(id, newName, all);
  }
}
