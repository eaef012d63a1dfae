package eu.impala.membership.sync;

/** How a sync treats the association's members that are not in the request. */
public enum SyncMode {
    /** Creates and updates the listed members; leaves the others alone. */
    UPSERT,
    /** The request is the association's whole list: ACTIVE members absent from it lapse. */
    SNAPSHOT
}
