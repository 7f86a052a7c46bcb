package org.coordo.server.data.toolbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.Audience;
import org.coordo.server.domain.toolbox.DocumentFile;
import org.coordo.server.domain.toolbox.FileVersion;
import org.coordo.server.domain.toolbox.ToolboxDocument;
import org.coordo.storage.Durability;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Toolbox documents. The files' bytes live under {@code dataDir/toolbox/<sha256>.<ext>}, written
 * (and forced to disk) before the record that names them.
 *
 * <p>Keyspace {@value ToolboxKeyspaces#DOCUMENTS}: {@code utf8z(collective) utf8(id)} → JSON {id,
 * collective, folder, title, description, audience, files: [{id, name, versions: [{n, hash, ext, type,
 * size, at, by}]}], createdAt, createdBy, updatedAt, updatedBy}. Ids are time-sortable, so a prefix
 * scan lists a collective's documents oldest first. Every write is fsynced ({@link Durability#SYNC}):
 * an accepted document survives a power loss. Synchronous.
 */
public final class ToolboxRepository {
  /** Documents listed per collective at most (a toolbox is a shelf, not an archive). */
  public static final int MAX_LISTED = 2000;

  private final KvStore store;
  private final Keyspace documents;

  public ToolboxRepository(KvStore store) {
    this.store = store;
    this.documents = store.keyspace(ToolboxKeyspaces.DOCUMENTS);
  }

  public Optional<ToolboxDocument> find(String collective, String id) {
    return documents.find(key(collective, id)).map(ToolboxRepository::decode);
  }

  /** The collective's documents, newest first. */
  public List<ToolboxDocument> list(String collective) {
    List<ToolboxDocument> all = new ArrayList<>();
    try (KvIterator it = documents.scanPrefix(Keys.utf8z(collective), true)) {
      while (it.hasNext() && all.size() < MAX_LISTED) {
        KvEntry e = it.next();
        all.add(decode(e.value()));
      }
    }
    return all;
  }

  public void put(ToolboxDocument doc) {
    try (var batch = store.newBatch()) {
      batch.put(documents, key(doc.collective(), doc.id()), encode(doc).toBuffer().getBytes());
      store.write(batch, Durability.SYNC);
    }
  }

  public void delete(String collective, String id) {
    try (var batch = store.newBatch()) {
      batch.delete(documents, key(collective, id));
      store.write(batch, Durability.SYNC);
    }
  }

  private static byte[] key(String collective, String id) {
    return Keys.concat(Keys.utf8z(collective), Keys.utf8(id));
  }

  static JsonObject encode(ToolboxDocument d) {
    JsonArray files = new JsonArray();
    for (DocumentFile f : d.files()) {
      JsonArray versions = new JsonArray();
      for (FileVersion v : f.versions()) {
        versions.add(new JsonObject().put("n", v.number()).put("hash", v.hash()).put("ext", v.extension())
            .put("type", v.mediaType()).put("size", v.size()).put("at", v.uploadedAt().toString())
            .put("by", v.uploadedBy()));
      }
      files.add(new JsonObject().put("id", f.id()).put("name", f.name()).put("versions", versions));
    }
    return new JsonObject().put("id", d.id()).put("collective", d.collective()).put("folder", d.folder())
        .put("title", d.title()).put("description", d.description()).put("audience", d.audience().wire())
        .put("files", files).put("createdAt", d.createdAt().toString()).put("createdBy", d.createdBy())
        .put("updatedAt", d.updatedAt().toString()).put("updatedBy", d.updatedBy());
  }

  static ToolboxDocument decode(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    List<DocumentFile> files = new ArrayList<>();
    for (Object o : j.getJsonArray("files")) {
      JsonObject f = (JsonObject) o;
      List<FileVersion> versions = new ArrayList<>();
      for (Object ov : f.getJsonArray("versions")) {
        JsonObject v = (JsonObject) ov;
        versions.add(new FileVersion(v.getInteger("n"), v.getString("hash"), v.getString("ext"), v.getString("type"),
            v.getLong("size"), Instant.parse(v.getString("at")), v.getString("by")));
      }
      files.add(new DocumentFile(f.getInteger("id"), f.getString("name"), versions));
    }
    return new ToolboxDocument(j.getString("collective"), j.getString("id"), j.getString("folder"),
        j.getString("title"), j.getString("description"), Audience.parse(j.getString("audience")).orElse(Audience.MEMBERS),
        files, Instant.parse(j.getString("createdAt")), j.getString("createdBy"), Instant.parse(j.getString("updatedAt")),
        j.getString("updatedBy"));
  }
}
