package org.coordo.server.data.account;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.coordo.storage.Codec;

/** A value codec through UTF-8 JSON. */
final class JsonCodec<T> implements Codec<T> {
  private final Function<T, JsonObject> toJson;
  private final Function<JsonObject, T> fromJson;

  JsonCodec(Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    this.toJson = toJson;
    this.fromJson = fromJson;
  }

  @Override
  public byte[] encode(T value) {
    return toJson.apply(value).toBuffer().getBytes();
  }

  @Override
  public T decode(byte[] bytes) {
    return fromJson.apply(new JsonObject(Buffer.buffer(bytes)));
  }

  static Long millis(java.time.Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static java.time.Instant instant(JsonObject json, String field) {
    Long value = json.getLong(field);
    return value == null ? null : java.time.Instant.ofEpochMilli(value);
  }
}
