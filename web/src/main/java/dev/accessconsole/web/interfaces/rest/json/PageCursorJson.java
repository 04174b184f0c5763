package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Page;

import java.util.List;
import java.util.function.Function;

/** A list paged by an opaque cursor, as the Admin API's newer lists are: pass {@code next_page} back as {@code page}. */
public record PageCursorJson<T>(List<T> data, boolean hasMore, String nextPage) {

    public static <S, T> PageCursorJson<T> of(Page<S> page, Function<S, String> id, Function<S, T> json) {
        String next = page.hasMore() ? Cursor.lastId(page, id) : null;
        return new PageCursorJson<>(page.data().stream().map(json).toList(), page.hasMore(), next);
    }

    /** A page of a short list held in memory, ordered by {@code key}: the items after the request's cursor, up to its limit. */
    public static <S, T> PageCursorJson<T> of(java.util.List<S> all, Function<S, String> key, dev.accessconsole.domain.model.PageRequest request,
                                              Function<S, T> json) {
        java.util.List<S> after = all.stream().sorted(java.util.Comparator.comparing(key))
                .filter(s -> request.afterId() == null || key.apply(s).compareTo(request.afterId()) > 0).toList();
        boolean more = after.size() > request.limit();
        java.util.List<S> data = more ? after.subList(0, request.limit()) : after;
        return of(new Page<>(data, more), key, json);
    }
}
