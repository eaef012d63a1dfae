package eu.impala.membership.sync;

import java.util.Locale;

/** What a sync does with the records it is sent, and with the association's members it is not sent. */
public enum SyncMode {
    /** Creates and updates the listed members; leaves the others alone. */
    UPSERT,
    /** The request is the association's whole list: ACTIVE members absent from it lapse. */
    SNAPSHOT,
    /** Only adds members: a record of a member already known under its external id is skipped, untouched. */
    CREATE_ONLY,
    /** Only updates known members: a record with an external id not known yet is skipped, nothing created. */
    UPDATE_ONLY;

    /** As the API writes it: {@code upsert}, {@code snapshot}, {@code create-only}, {@code update-only}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** From the API's spelling; null when it is none of the modes. */
    public static SyncMode fromWire(String text) {
        for (SyncMode mode : values()) {
            if (mode.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        return null;
    }
}
