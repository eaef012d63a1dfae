package eu.impala.notifications.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An in-app notification as its reader sees it, in the reader's language. */
public record InboxItem(UUID id, String kind, String title, UUID memberId, String campaignSlug, OffsetDateTime at,
                        boolean read) {
}
