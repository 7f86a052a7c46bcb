package org.coordo.server.service.toolbox;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.coordo.server.auth.Principal;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.toolbox.ToolboxRepository;
import org.coordo.server.domain.toolbox.DocumentFile;
import org.coordo.server.domain.toolbox.FileVersion;
import org.coordo.server.domain.toolbox.ToolboxDocument;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.MediaIntake;
import org.coordo.server.service.publication.MediaSniffer;

/**
 * A collective's toolbox: documents (tracts, model letters, booklets, posters) in folders, each with
 * one or more files, public or for members only, and every earlier version of each file kept.
 *
 * <p>Who may do what, here and only here:
 * <ul>
 *   <li>anyone: list the public documents, read a public document and download its files' current versions;
 *   <li>a member of the collective (or a node admin): the same for members-only documents;
 *   <li>an editor of the collective (or a node admin): add, edit, replace a file (the previous version
 *       stays), delete; download earlier versions.
 * </ul>
 * What a reader may not see answers 404, as an unknown id (never 403: a members-only document's
 * existence is not disclosed). Files go through {@link MediaIntake} (type sniffed from the bytes,
 * {@link MediaSniffer#DOCUMENTS}, at most {@value #MAX_FILE_BYTES} bytes, image metadata stripped),
 * are written and forced to disk under {@code filesDir} before the record is written (fsynced), and
 * only then is the editor answered: a crash after the answer loses nothing.
 */
public final class ToolboxService {
  /** Largest file: 10 MiB (a booklet's PDF; what the node's body budget affords, as for attachments). */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  /** Room for the form's text fields and the multipart boundaries around the file. */
  private static final long FORM_OVERHEAD = 64 * 1024;
  public static final String ALLOWED_NAMES = "PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, WebP or GIF";
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
  private static final int LOCK_STRIPES = 64;

  private final StoreCalls storage;
  private final ToolboxRepository repository;
  private final Path filesDir;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /** A file to send: its stored path, the version, and the name to offer. */
  public record Download(ToolboxDocument document, DocumentFile file, FileVersion version, Path path) {}

  public ToolboxService(StoreCalls storage, ToolboxRepository repository, Path filesDir, Clock clock,
      Supplier<String> ids) {
    this.storage = storage;
    this.repository = repository;
    this.filesDir = filesDir;
    this.clock = clock;
    this.ids = ids;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  public long maxFileBytes() {
    return MAX_FILE_BYTES;
  }

  /** The body limit of a toolbox form: one file and the text fields. */
  public long maxUploadBodyBytes() {
    return MAX_FILE_BYTES + FORM_OVERHEAD;
  }

  public static boolean isMember(Optional<Principal> who, String collective) {
    return who.map(p -> p.isMemberOf(collective)).orElse(false);
  }

  public static boolean isEditor(Optional<Principal> who, String collective) {
    return who.map(p -> p.canPublishFor(collective)).orElse(false);
  }

  /** The documents this reader may see, newest first: all for members, the public ones for anyone else. */
  public Future<List<ToolboxDocument>> list(Optional<Principal> who, String collective) {
    boolean member = isMember(who, collective);
    return storage.call(store -> repository.list(collective).stream()
        .filter(d -> d.audience().visibleTo(member)).toList());
  }

  /** The public documents only, whoever asks (the public page). */
  public Future<List<ToolboxDocument>> listPublic(String collective) {
    return list(Optional.empty(), collective);
  }

  /** A document this reader may see; 404 otherwise. */
  public Future<ToolboxDocument> get(Optional<Principal> who, String collective, String id) {
    boolean member = isMember(who, collective);
    if (!ID.matcher(id == null ? "" : id).matches()) {
      return Future.failedFuture(NodeError.notFound("document"));
    }
    return storage.call(store -> repository.find(collective, id).filter(d -> d.audience().visibleTo(member))
        .orElseThrow(() -> NodeError.notFound("document")));
  }

  /**
   * A file to download: its current version ({@code version} null), or an earlier one (editors only:
   * 404 for anyone else, as is any file of a document the reader may not see).
   */
  public Future<Download> download(Optional<Principal> who, String collective, String id, int fileId,
      Integer version) {
    boolean editor = isEditor(who, collective);
    return get(who, collective, id).map(doc -> {
      DocumentFile file = doc.file(fileId).orElseThrow(() -> NodeError.notFound("file"));
      FileVersion v = version == null ? file.current() : file.version(version)
          .filter(found -> found.number() == file.current().number() || editor)
          .orElseThrow(() -> NodeError.notFound("file"));
      return new Download(doc, file, v, filesDir.resolve(v.storedName()));
    });
  }

  /** A new document with its first file (editors). */
  public Future<ToolboxDocument> create(Principal who, String collective, ToolboxInput input, ToolboxUpload upload) {
    try {
      who.requirePublishFor(collective);
    } catch (NodeError e) {
      return Future.failedFuture(e);
    }
    return storage.call(store -> {
      Instant now = clock.instant();
      FileVersion first = store(upload, 1, now, who);
      String name = ToolboxUpload.safeName(upload.fileName(), first.extension(), ToolboxDocument.MAX_FILE_NAME);
      ToolboxDocument doc = new ToolboxDocument(collective, ids.get(), input.folder(), input.title(),
          input.description(), input.audience(), List.of(new DocumentFile(1, name, List.of(first))), now,
          who.username(), now, who.username());
      repository.put(doc);
      return doc;
    });
  }

  /** New title, description, folder or audience (editors). */
  public Future<ToolboxDocument> update(Principal who, String collective, String id, ToolboxInput input) {
    return change(who, collective, id, doc -> doc.withDetails(input.folder(), input.title(), input.description(),
        input.audience(), clock.instant(), who.username()));
  }

  /**
   * Adds a file to a document, or, with {@code replaceFileId}, a new version of that file: the
   * previous version stays, for editors (editors).
   */
  public Future<ToolboxDocument> addFile(Principal who, String collective, String id, ToolboxUpload upload,
      Integer replaceFileId) {
    return change(who, collective, id, doc -> {
      Instant now = clock.instant();
      if (replaceFileId == null) {
        if (doc.files().size() >= ToolboxDocument.MAX_FILES) {
          throw NodeError.validationFailed(java.util.Map.of("file",
              "at most " + ToolboxDocument.MAX_FILES + " files per document"));
        }
        FileVersion first = store(upload, 1, now, who);
        String name = ToolboxUpload.safeName(upload.fileName(), first.extension(), ToolboxDocument.MAX_FILE_NAME);
        return doc.withFile(new DocumentFile(doc.nextFileId(), name, List.of(first)), now, who.username());
      }
      DocumentFile file = doc.file(replaceFileId).orElseThrow(() -> NodeError.notFound("file"));
      if (file.versions().size() >= ToolboxDocument.MAX_VERSIONS) {
        throw NodeError.validationFailed(java.util.Map.of("file",
            "at most " + ToolboxDocument.MAX_VERSIONS + " versions per file"));
      }
      FileVersion next = store(upload, file.current().number() + 1, now, who);
      String name = ToolboxUpload.safeName(upload.fileName(), next.extension(), ToolboxDocument.MAX_FILE_NAME);
      return doc.withFile(file.replacedBy(name, next), now, who.username());
    });
  }

  /**
   * Deletes a document (editors). Its files stay on disk: they are content-addressed and may be shared
   * with another document or version.
   */
  public Future<Void> delete(Principal who, String collective, String id) {
    return change(who, collective, id, doc -> null).mapEmpty();
  }

  private interface Change {
    ToolboxDocument apply(ToolboxDocument doc);
  }

  /** Read, change and write one document under its lock; a null result deletes it. */
  private Future<ToolboxDocument> change(Principal who, String collective, String id, Change change) {
    boolean member = who.isMemberOf(collective);
    if (!member || !ID.matcher(id == null ? "" : id).matches()) {
      return Future.failedFuture(NodeError.notFound("document"));
    }
    try {
      who.requirePublishFor(collective);
    } catch (NodeError e) {
      return Future.failedFuture(e);
    }
    return storage.call(store -> {
      synchronized (locks[Math.floorMod((collective + "\0" + id).hashCode(), LOCK_STRIPES)]) {
        ToolboxDocument doc = repository.find(collective, id).orElseThrow(() -> NodeError.notFound("document"));
        ToolboxDocument changed = change.apply(doc);
        if (changed == null) {
          repository.delete(collective, id);
        } else {
          repository.put(changed);
        }
        return changed;
      }
    });
  }

  /** Takes the upload in (sniffed, cleaned) and writes its file durably; runs on a storage worker. */
  private FileVersion store(ToolboxUpload upload, int number, Instant now, Principal who) {
    MediaIntake.Accepted accepted = MediaIntake.accept(upload.bytes(), upload.declaredType(), MediaSniffer.DOCUMENTS,
        MAX_FILE_BYTES, ALLOWED_NAMES);
    MediaIntake.writeDurably(filesDir, accepted.fileName(), accepted.bytes());
    return new FileVersion(number, accepted.hash(), accepted.type().extension(), accepted.type().mediaType(),
        accepted.bytes().length, now, who.username());
  }
}
