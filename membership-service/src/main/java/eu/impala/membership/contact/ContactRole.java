package eu.impala.membership.contact;

/** What a contact person is for at their member. */
public enum ContactRole {
    PRIMARY,
    BILLING,
    PRESS,
    LEGAL,
    TECHNICAL,
    OTHER
}
