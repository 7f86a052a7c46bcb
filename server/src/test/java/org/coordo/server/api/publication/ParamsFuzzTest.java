package org.coordo.server.api.publication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Cursor;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for what the publication API reads from a request ({@link Params}): the {@code cursor} and
 * {@code limit} query parameters and the JSON body. An input is {@code cursor}, a newline, {@code limit}, a
 * newline, then the body. Seeds and regressions:
 * {@code src/test/resources/org/coordo/server/api/publication/ParamsFuzzTestInputs/}. See docs/FUZZING.md.
 */
class ParamsFuzzTest {

  /** Each reader accepts a value that keeps its invariants, or throws a {@link NodeError} (400). */
  @FuzzTest
  @Timeout(5)
  void publicationParams(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    String[] parts = text.split("\n", 3);
    read(() -> {
      Cursor cursor = Params.cursor(parts[0]);
      if (cursor != null) {
        assertTrue(cursor.lastKey().length > 0);
        assertArrayEquals(cursor.lastKey(), Params.cursor(cursor.encode()).lastKey());
      }
    });
    if (parts.length > 1) {
      read(() -> {
        int limit = Params.limit(parts[1], 20);
        assertTrue(limit >= 1 && limit <= 100, "limit " + limit);
      });
    }
    int nl = indexOfSecondNewline(data);
    Buffer body = Buffer.buffer(nl < 0 ? new byte[0] : Arrays.copyOfRange(data, nl + 1, data.length));
    read(() -> {
      JsonObject json = Params.body(body);
      assertNotNull(json);
      assertEquals(json, Params.body(Buffer.buffer(json.encode())));
    });
  }

  private static void read(Runnable reader) {
    try {
      reader.run();
    } catch (NodeError e) {
      assertEquals(400, e.status(), e.getMessage());
    }
  }

  private static int indexOfSecondNewline(byte[] data) {
    int seen = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n' && ++seen == 2) {
        return i;
      }
    }
    return -1;
  }
}
