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
}
