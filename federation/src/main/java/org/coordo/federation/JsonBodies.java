package org.coordo.federation;

import org.coordo.federation.BodyBudget;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one decoder of JSON request bodies (inbox documents, JSON API, control calls): strict UTF-8
 * (an invalid, overlong or surrogate sequence is refused, never replaced), at most {@value #MAX_DEPTH}
 * levels of nesting and {@value #MAX_VALUES} values (objects, arrays and scalars), so that what a
 * body parses into stays within what {@link BodyBudget} reserved for it. Every failure is a
 * {@link Invalid} with a message safe to send back (status 400).
 */
public final class JsonBodies {
  /** Deepest nesting of objects and arrays accepted (ActivityPub documents stay under 12). */
  public static final int MAX_DEPTH = 64;
  /** Most values (objects, arrays, strings, numbers, booleans, nulls) in one body. */
  public static final int MAX_VALUES = 20_000;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
      .build();

  private JsonBodies() {}

  /** A body that is not acceptable JSON; {@link #getMessage()} is safe to show. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String safeMessage) {
      super(safeMessage, null, false, false);
    }

    public int status() {
      return 400;
    }
  }

  /** The body as one JSON object (400 otherwise: empty, invalid UTF-8, not JSON, too complex, not an object). */
  public static JsonObject object(Buffer body) {
    return object(body == null ? new byte[0] : body.getBytes());
  }

  /** Like {@link #object(Buffer)}. */
  public static JsonObject object(byte[] body) {
    Object value = value(body);
    if (!(value instanceof JsonObject object)) {
      throw new Invalid("the body must be a JSON object");
    }
    return object;
  }

  /** The body as any JSON value ({@link JsonObject}, {@link JsonArray}, String, Number, Boolean or null). */
  public static Object value(byte[] body) {
    if (body == null || isBlank(body)) {
      throw new Invalid("the body is empty; expected JSON");
    }
    requireUtf8(body);
    try (JsonParser parser = FACTORY.createParser(body)) {
      int[] values = {0};
      Object value = read(parser, parser.nextToken(), 1, values);
      if (parser.nextToken() != null) {
        throw new Invalid("the body is not valid JSON (trailing content)");
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw new Invalid("the JSON body exceeds the parser's limits (a number or a name too long)");
    } catch (IOException e) {
      throw new Invalid("the body is not valid JSON");
    }
  }

  /** 400 unless the bytes are well-formed UTF-8 (checked in small steps: the body is not copied). */
  static void requireUtf8(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(4096);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        throw new Invalid("the body is not valid UTF-8 (invalid byte sequence at byte " + in.position() + ")");
      }
      out.clear();
      if (result.isUnderflow()) {
        break;
      }
    }
    if (decoder.flush(out).isError()) {
      throw new Invalid("the body is not valid UTF-8 (truncated sequence at the end)");
    }
  }

  private static Object read(JsonParser parser, JsonToken token, int depth, int[] values) throws IOException {
    if (token == null) {
      throw new Invalid("the body is not valid JSON");
    }
    if (++values[0] > MAX_VALUES) {
      throw new Invalid("the JSON body has more than " + MAX_VALUES + " values");
    }
    switch (token) {
      case START_OBJECT -> {
        requireDepth(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          map.put(name, read(parser, parser.nextToken(), depth + 1, values));
        }
        return new JsonObject(map);
      }
      case START_ARRAY -> {
        requireDepth(depth);
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(read(parser, t, depth + 1, values));
        }
        return new JsonArray(list);
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new Invalid("the body is not valid JSON");
    }
  }

  private static void requireDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw tooDeep();
    }
  }

  private static Invalid tooDeep() {
    return new Invalid("the JSON body is nested deeper than " + MAX_DEPTH + " levels");
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
