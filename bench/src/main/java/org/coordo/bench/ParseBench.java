package org.coordo.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.Digests;
import org.coordo.federation.vocab.As;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ActivityStreams parsing of typical inbound bodies into Vert.x {@link JsonObject} (Jackson inside), the way the
 * inbox reads them (bytes → UTF-8 string → trim → object), and the inbox's cheap checks before the signature.
 *
 * <p>The inbox's own check class ({@code federation/inbox/InboxChecks}) is package-private, so
 * {@link #inboxEarlyChecksNote} repeats its steps with the same public helpers: parse, {@code Digest} check
 * (SHA-256 of the body), type, actor and id same-origin, embedded object and {@code attributedTo} same-origin.
 * Run e.g. {@code java -jar bench/target/benchmarks.jar ParseBench -f 1 -wi 2 -w 2s -i 3 -r 3s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBench {
  byte[] note;
  byte[] event;
  String noteDigest;

  @Setup(Level.Trial)
  public void setUp() {
    note = Fixtures.createNote("https://mastodon.example", "alice", 109_876_543_210L).getBytes(StandardCharsets.UTF_8);
    event = Fixtures.createEvent("https://mobilizon.example", "collectif", 4242).getBytes(StandardCharsets.UTF_8);
    noteDigest = Digests.digestHeader(note);
    if (!"Create".equals(inboxEarlyChecksNote())) {
      throw new IllegalStateException("fixture does not pass the checks");
    }
  }

  static JsonObject parse(byte[] body) {
    return new JsonObject(new String(body, StandardCharsets.UTF_8).trim());
  }

  @Benchmark
  public JsonObject parseCreateNote() {
    return parse(note);
  }

  @Benchmark
  public JsonObject parseCreateEvent() {
    return parse(event);
  }

  /** Parse + digest + same-origin checks of a {@code Create{Note}}; returns the type. */
  @Benchmark
  public String inboxEarlyChecksNote() {
    JsonObject activity = parse(note);
    if (Digests.verifyDigest(noteDigest, note) != Digests.Check.MATCH) {
      throw new IllegalStateException("digest");
    }
    String type = As.typeOf(activity);
    URI actor = Uris.parseHttp(As.idOf(activity.getValue("actor"))).orElseThrow();
    URI id = Uris.parseHttp(activity.getString("id")).orElseThrow();
    Object object = activity.getValue("object");
    URI objectId = Uris.parseHttp(As.idOf(object)).orElseThrow();
    boolean ok = Ownership.sameOrigin(id, actor) && Ownership.sameOrigin(objectId, actor);
    if (object instanceof JsonObject embedded) {
      for (String author : As.idsOf(embedded, "attributedTo")) {
        ok &= Ownership.sameOrigin(Uris.parseHttp(author).orElseThrow(), actor);
      }
    }
    return ok ? type : null;
  }
}
