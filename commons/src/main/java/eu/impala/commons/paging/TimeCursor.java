package eu.impala.commons.paging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A position in a list ordered by a time and then an id: the time and id of the last row seen. */
public record TimeCursor(OffsetDateTime at, UUID id) {

    /** The cursor key of a row, for {@link CursorPage#of}. */
    public static String key(OffsetDateTime at, UUID id) {
        return at.toInstant() + "|" + id;
    }

    /** The position in {@code cursor}, null for the first page; a cursor of another shape is a 400 problem. */
    public static TimeCursor decode(String cursor) {
        String key = Cursor.decode(cursor);
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\|");
        try {
            return new TimeCursor(java.time.Instant.parse(parts[0]).atOffset(ZoneOffset.UTC), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw Cursor.invalid();
        }
    }
}
