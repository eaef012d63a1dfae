package eu.impala.notifications.preference;

/** What a notification is about, for a contact's channel choices. */
public enum Topic {
    MEMBERSHIP,
    CAMPAIGNS,
    NEWSLETTERS
}
