package eu.impala.notifications.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

import eu.impala.commons.outbox.OutgoingEvent;

/**
 * Delivery outcomes on {@code notifications.deliveries.v1}, keyed by notification id: which kind of message, on
 * which channel, about which member, how it ended. No address and no text: those stay here.
 */
public final class DeliveryEvents {

    public static final String TOPIC = "notifications.deliveries.v1";
    public static final String SENT = "eu.impala.notifications.delivery.sent.v1";
    public static final String FAILED = "eu.impala.notifications.delivery.failed.v1";
    public static final String DEAD = "eu.impala.notifications.delivery.dead.v1";

    private DeliveryEvents() {
    }

    /** One attempt's outcome; {@code nextAttemptAt} only when another attempt will follow. */
    public record DeliveryOutcome(UUID notificationId, UUID eventId, String kind, Channel channel, UUID memberId,
                                  int attempts, String error, OffsetDateTime at, OffsetDateTime nextAttemptAt) {
    }

    public static OutgoingEvent of(DeliveryStatus status, DeliveryOutcome outcome) {
        String type = switch (status) {
            case SENT -> SENT;
            case DEAD -> DEAD;
            default -> FAILED;
        };
        return new OutgoingEvent(TOPIC, type, outcome.notificationId().toString(), outcome);
    }
}
