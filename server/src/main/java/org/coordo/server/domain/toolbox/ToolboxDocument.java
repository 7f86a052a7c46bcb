package org.coordo.server.domain.toolbox;

import org.coordo.server.domain.Audience;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A document of a collective's toolbox (tract, model letter, booklet, poster): a title, a
 * description, one or more files, in a folder. Folders are simple names, one level (no folder inside
 * a folder); the empty name is "no folder".
 *
 * @param id time-sortable id, in the document's URL
 * @param description plain text (shown as typed, line breaks kept), possibly empty
 * @param createdBy the username of who created it; {@code updatedBy} of who last changed it (editors see them)
 */
public record ToolboxDocument(String collective, String id, String folder, String title, String description,
    Audience audience, List<DocumentFile> files, Instant createdAt, String createdBy, Instant updatedAt,
    String updatedBy) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_FOLDER = 60;
  public static final int MAX_DESCRIPTION = 2000;
  public static final int MAX_FILES = 20;
  /** Versions kept per file; past it the upload is refused (delete the document and start again). */
  public static final int MAX_VERSIONS = 50;
  public static final int MAX_FILE_NAME = 120;

  public ToolboxDocument {
    files = List.copyOf(files);
  }

  public Optional<DocumentFile> file(int fileId) {
    return files.stream().filter(f -> f.id() == fileId).findFirst();
  }

  /** The first file: what the document's own download link serves. */
  public DocumentFile mainFile() {
    return files.get(0);
  }

  public boolean isPublic() {
    return audience == Audience.PUBLIC;
  }

  /** With new title, description, folder and audience, changed now by {@code who}. */
  public ToolboxDocument withDetails(String newFolder, String newTitle, String newDescription, Audience newAudience,
      Instant at, String who) {
    return new ToolboxDocument(collective, id, newFolder, newTitle, newDescription, newAudience, files, createdAt,
        createdBy, at, who);
  }

  /** With {@code file} added (a new id) or replacing the file of its id. */
  public ToolboxDocument withFile(DocumentFile file, Instant at, String who) {
    List<DocumentFile> all = new ArrayList<>(files);
    all.removeIf(f -> f.id() == file.id());
    all.add(file);
    all.sort(java.util.Comparator.comparingInt(DocumentFile::id));
    return new ToolboxDocument(collective, id, folder, title, description, audience, all, createdAt, createdBy, at,
        who);
  }

  /** The id a newly added file gets. */
  public int nextFileId() {
    return files.stream().mapToInt(DocumentFile::id).max().orElse(0) + 1;
  }
}
