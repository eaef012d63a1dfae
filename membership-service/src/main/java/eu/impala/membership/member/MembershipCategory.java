package eu.impala.membership.member;

/** How a member belongs to IMPALA. */
public enum MembershipCategory {
    /** Joined IMPALA directly. */
    DIRECT,
    /** Belongs through the national association that represents it. */
    REPRESENTED,
    /** Associate member: takes part without full membership rights. */
    ASSOCIATE
}
