package eu.impala.local.e2e;

/**
 * Which resource a cell of the access matrix addresses, seen from its caller. For campaigns, which belong to no
 * tenant, "foreign" is a draft: only the secretariat sees one.
 */
enum AccessCase {
    /** An endpoint without a resource id (a list, a creation): the caller's own scope. */
    ANY,
    /** A resource of the caller's own association or member. */
    OWN,
    /** The same kind of resource of the other association (or member). */
    FOREIGN,
    /** An id nothing has. */
    NONE,
    /** The caller's own parent in the URL (member, association) with the other tenant's child (contact, run). */
    MIXED
}
