package eu.impala.notifications.notification;

/**
 * Where a notification stands: {@code PENDING} until its first attempt, {@code FAILED} between retries,
 * {@code SENT}, or {@code DEAD} after the last retry (visible in the delivery log and retried by hand).
 */
public enum DeliveryStatus {
    PENDING,
    SENT,
    FAILED,
    DEAD
}
