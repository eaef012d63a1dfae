package eu.impala.notifications.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An in-app notification as its reader sees it, in the reader's language. */
public record InboxItem(UUID id, String kind, String title, @Schema(nullable = true) UUID memberId,
                        @Schema(nullable = true) String campaignSlug, OffsetDateTime at, boolean read) {
}
