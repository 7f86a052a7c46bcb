package org.coordo.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A page of results and the cursor of the next page, empty when this is the last one. */
public record Page<T>(List<T> items, Optional<Cursor> next) {

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), next);
  }
}
