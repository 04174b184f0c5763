package dev.accessconsole.domain.model;

import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Applies a {@link PageRequest} to a JPQL query over ids that sort by creation time. The query text must end with
 * a where clause into which the cursor condition can be appended; {@code idPath} names the id expression.
 */
public final class Cursor {

    private Cursor() {
    }

    /**
     * The query text with the cursor condition and the order added. {@code equalPaths}, if any, are expressions a join
     * makes equal to {@code idPath}; the cursor bounds them too. A database carries equalities across a join, not ranges:
     * without the bound on both sides of a merge join, a page deep in the list walks one side from its start.
     */
    public static String jpql(String base, String idPath, PageRequest page, String... equalPaths) {
        StringBuilder text = new StringBuilder(base);
        String comparison = page.afterId() != null ? " > :cursor" : page.beforeId() != null ? " < :cursor" : null;
        if (comparison != null) {
            text.append(" and ").append(idPath).append(comparison);
            for (String equal : equalPaths) {
                text.append(" and ").append(equal).append(comparison);
            }
        }
        text.append(" order by ").append(idPath).append(page.beforeId() != null ? " desc" : " asc");
        return text.toString();
    }

    /** Runs a query built with {@link #jpql}, fetching one extra row to learn whether there is more. */
    public static <T> Page<T> fetch(TypedQuery<T> query, PageRequest page) {
        if (page.afterId() != null) {
            query.setParameter("cursor", page.afterId());
        } else if (page.beforeId() != null) {
            query.setParameter("cursor", page.beforeId());
        }
        List<T> rows = new ArrayList<>(query.setMaxResults(page.limit() + 1).getResultList());
        boolean hasMore = rows.size() > page.limit();
        if (hasMore) {
            rows.remove(rows.size() - 1);
        }
        if (page.beforeId() != null) {
            Collections.reverse(rows);
        }
        return new Page<>(rows, hasMore);
    }

    public static <T> String firstId(Page<T> page, Function<T, String> id) {
        return page.data().isEmpty() ? null : id.apply(page.data().get(0));
    }

    public static <T> String lastId(Page<T> page, Function<T, String> id) {
        return page.data().isEmpty() ? null : id.apply(page.data().get(page.data().size() - 1));
    }
}
