package eu.impala.notifications.notification;

/** How a notification reaches its recipient. */
public enum Channel {
    EMAIL,
    IN_APP,
    /** A signed POST to a national association's subscribed endpoint. */
    WEBHOOK
}
