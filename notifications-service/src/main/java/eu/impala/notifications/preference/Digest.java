package eu.impala.notifications.preference;

/** When campaign news reaches a contact: at once, or gathered in one email a day (08:00 UTC) or a week (Monday). */
public enum Digest {
    IMMEDIATE,
    DAILY,
    WEEKLY
}
