package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the filters of feed URLs ({@link FeedQuery}). An input is a query string
 * ({@code city=grenoble&from=2026-03-01}), decoded as Vert.x decodes a request's. Seeds and regressions:
 * {@code src/test/resources/org/coordo/server/feeds/FeedQueryFuzzTestInputs/}. See docs/FUZZING.md.
 */
class FeedQueryFuzzTest {

  /**
   * Only a {@link NodeError} with 400 escapes; an accepted query keeps its invariants and, written back
   * as parameters, parses to itself.
   */
  @FuzzTest
  @Timeout(5)
  void feedQuery(byte[] data) {
    MultiMap params = queryParams(new String(data, StandardCharsets.UTF_8));
    if (params == null) {
      return;
    }
    FeedQuery q;
    try {
      q = FeedQuery.parse(params);
    } catch (NodeError e) {
      assertEquals(400, e.status());
      assertFalse(e.getMessage().isBlank());
      return;
    }
    assertTrue(q.limit() >= 1 && q.limit() <= FeedQuery.MAX_LIMIT);
    assertTrue(q.city() == null || q.city().matches("[a-z0-9_][a-z0-9_.-]{0,63}"), q.city());
    assertTrue(q.from() == null || q.to() == null || !q.to().isBefore(q.from()));
    ZoneId paris = ZoneId.of("Europe/Paris");
    if (q.from() != null && q.to() != null) {
      assertTrue(q.fromInstant(paris).isBefore(q.toInstantExclusive(paris)));
    }
    MultiMap again = MultiMap.caseInsensitiveMultiMap();
    if (q.city() != null) {
      again.add("city", q.city());
    }
    if (q.category() != null) {
      again.add("category", q.category());
    }
    if (q.from() != null) {
      again.add("from", q.from().toString());
    }
    if (q.to() != null) {
      again.add("to", q.to().toString());
    }
    again.add("limit", Integer.toString(q.limit()));
    assertEquals(q, FeedQuery.parse(again));
  }

  /** The parameters of a query string as a request has them, or null when Vert.x would refuse it (400). */
  static MultiMap queryParams(String query) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    try {
      new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters().forEach(params::add);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return params;
  }
}
