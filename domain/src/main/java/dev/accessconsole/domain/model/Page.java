package dev.accessconsole.domain.model;

import java.util.List;
import java.util.function.Function;

/** One page of a cursor-paginated list, in ascending id order. */
public record Page<T>(List<T> data, boolean hasMore) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), hasMore);
    }
}
