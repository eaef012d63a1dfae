package eu.impala.campaigns.signature;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One member's signature of one campaign: who gave it (the user, and the association when it signed for its
 * member), what was added, whether the member's name may be shown publicly, and its withdrawal.
 */
public record Signature(UUID id, UUID campaignId, UUID memberId, @Schema(nullable = true) String signedBy,
                        @Schema(nullable = true) UUID viaAssociation, @Schema(nullable = true) String comment,
                        @Schema(nullable = true) String pledge, boolean showName, OffsetDateTime signedAt,
                        @Schema(nullable = true) OffsetDateTime withdrawnAt, String country, String memberKind,
                        @Schema(nullable = true) String sizeClass, @Schema(nullable = true) UUID representedBy) {

    static final String COLUMNS = "id, campaign_id, member_id, signed_by, via_association, comment, pledge, show_name, "
            + "signed_at, withdrawn_at, country, member_kind, size_class, represented_by";

    static Signature of(io.vertx.mutiny.sqlclient.Row r) {
        return new Signature(r.getUUID("id"), r.getUUID("campaign_id"), r.getUUID("member_id"), r.getString("signed_by"),
                r.getUUID("via_association"), r.getString("comment"), r.getString("pledge"), r.getBoolean("show_name"),
                r.getOffsetDateTime("signed_at"), r.getOffsetDateTime("withdrawn_at"), r.getString("country"),
                r.getString("member_kind"), r.getString("size_class"), r.getUUID("represented_by"));
    }
}
