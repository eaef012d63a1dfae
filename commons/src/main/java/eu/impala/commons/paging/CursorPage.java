package eu.impala.commons.paging;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list in a stable order: its items and, when more follow, the opaque cursor of the next page.
 */
public record CursorPage<T>(List<T> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * Builds a page from {@code limit + 1} rows fetched in order: the extra row only tells that more follow, and
     * the key of the last returned row becomes the next cursor.
     */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new CursorPage<>(items, Cursor.encode(key.apply(items.get(items.size() - 1))));
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(items.stream().map(mapper).toList(), next);
    }
}
