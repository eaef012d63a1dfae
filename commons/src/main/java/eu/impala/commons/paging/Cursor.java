package eu.impala.commons.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * Opaque cursors: the sort key of the last row seen, base64url-encoded behind a version prefix so that a client
 * never builds one by hand and a changed format can still read old cursors.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";

    private Cursor() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside {@code cursor}, or null for the first page; a cursor we did not issue is a 400 problem. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(PREFIX)) {
                return raw.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException ignored) {
            // not base64: reported below
        }
        throw invalid();
    }

    /** The 400 problem for a cursor whose content does not fit the list it is used on. */
    public static ProblemException invalid() {
        return ProblemException.badRequest("the cursor is not one this API issued; use the `next` value of a page",
                List.of(new Problem.FieldError("cursor", "invalid cursor")));
    }

    /** Checks a requested page size: absent is the default, out of range is a 400 problem. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return CursorPage.DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > CursorPage.MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + CursorPage.MAX_LIMIT,
                    List.of(new Problem.FieldError("limit", "must be between 1 and " + CursorPage.MAX_LIMIT)));
        }
        return requested;
    }
}
