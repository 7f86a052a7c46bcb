package org.coordo.server.api.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.coordo.federation.Uris;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Cursor;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the query parameters of the agenda and national listings ({@link AggregationParams}).
 * An input is a query string, decoded as Vert.x decodes a request's. Seeds and regressions:
 * {@code src/test/resources/org/coordo/server/api/aggregation/AggregationParamsFuzzTestInputs/}. See
 * docs/FUZZING.md.
 */
class AggregationParamsFuzzTest {

  /** Each reader accepts a value that keeps its invariants, or throws a {@link NodeError} (400). */
  @FuzzTest
  @Timeout(5)
  void aggregationParams(byte[] data) {
    MultiMap p = MultiMap.caseInsensitiveMultiMap();
    try {
      new QueryStringDecoder(new String(data, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
          .parameters().forEach(p::add);
    } catch (IllegalArgumentException e) {
      return; // Vert.x answers 400 before any handler runs
    }
    read(() -> {
      String city = AggregationParams.city(p);
      assertTrue(city == null || Uris.isValidActorName(city), city);
    });
    read(() -> {
      String category = AggregationParams.category(p);
      assertTrue(category == null || category.matches("[A-Z0-9_]{1,64}"), category);
    });
    read(() -> {
      Instant from = AggregationParams.time(p, "from", false);
      Instant to = AggregationParams.time(p, "to", true);
      if (from != null && p.get("from").trim().length() == 10) {
        assertTrue(from.isBefore(AggregationParams.time(p, "from", true)));
      }
      assertTrue(to == null || to.isAfter(Instant.MIN));
    });
    read(() -> {
      Cursor cursor = AggregationParams.cursor(p);
      if (cursor != null) {
        assertTrue(cursor.lastKey().length > 0);
        assertArrayEquals(cursor.lastKey(), Cursor.decode(cursor.encode()).lastKey());
      }
    });
    read(() -> {
      int limit = AggregationParams.limit(p);
      assertTrue(limit >= 1 && limit <= AggregationParams.MAX_LIMIT);
    });
  }

  private static void read(Runnable reader) {
    try {
      reader.run();
    } catch (NodeError e) {
      assertEquals(400, e.status(), e.getMessage());
    }
  }
}
