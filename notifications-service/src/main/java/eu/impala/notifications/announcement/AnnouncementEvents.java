package eu.impala.notifications.announcement;

import java.time.OffsetDateTime;
import java.util.UUID;

import eu.impala.commons.outbox.OutgoingEvent;

/**
 * {@code announcement.sent} on {@code notifications.announcements.v1}, keyed by announcement id: written with the
 * fan-out that wrote every notification of it (the emails then go through the delivery pipeline). Counts only: no
 * address, no name, no text.
 */
public final class AnnouncementEvents {

    public static final String TOPIC = "notifications.announcements.v1";
    public static final String SENT = "eu.impala.notifications.announcement.sent.v1";

    private AnnouncementEvents() {
    }

    /** What the fan-out came to: members in the segment, emails queued (digests included), in-app notices. */
    public record AnnouncementSent(UUID announcementId, String topic, int members, int emails, int inApp,
                                   OffsetDateTime sentAt) {
    }

    static OutgoingEvent sent(AnnouncementSent sent) {
        return new OutgoingEvent(TOPIC, SENT, sent.announcementId().toString(), sent);
    }
}
