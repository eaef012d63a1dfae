package eu.impala.membership.member;

/** What kind of organisation or person a member is. */
public enum MemberKind {
    /** A label, publisher or distributor. */
    COMPANY,
    /** A self-releasing artist: a natural person, so erasable under GDPR. */
    ARTIST,
    /** A national trade association that represents members of its country. */
    NATIONAL_ASSOCIATION
}
