package eu.impala.notifications.announcement;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An announcement as stored; its ETag is its version. No personal data: its author is an association or the secretariat. */
public record Announcement(
        @Schema(required = true) UUID id,
        @Schema(required = true) long version,
        @Schema(required = true) AnnouncementStatus status,
        @Schema(required = true, enumeration = {"MEMBERSHIP", "NEWSLETTERS"}) String topic,
        @Schema(required = true, description = "The default language first.") Map<String, Translation> translations,
        @Schema(required = true) Segment segment,
        @Schema(nullable = true, description = "The association whose admin created it; null: the secretariat.")
        UUID createdBy,
        @Schema(required = true) OffsetDateTime createdAt,
        @Schema(nullable = true, description = "When it starts (or started) being sent.") OffsetDateTime scheduledAt,
        @Schema(nullable = true) OffsetDateTime startedAt,
        @Schema(nullable = true, description = "When every notification of it was written.") OffsetDateTime sentAt,
        @Schema(nullable = true) OffsetDateTime cancelledAt) {
}
