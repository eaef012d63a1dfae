package eu.impala.campaigns.signature;

import java.time.OffsetDateTime;
import java.util.UUID;

import eu.impala.commons.outbox.OutgoingEvent;

/**
 * The events of a campaign's signatures on {@code campaigns.signatures.v1}, keyed by campaign id so that the
 * signatures of one campaign stay in order; JSON Schemas in {@code src/main/resources/schemas}.
 */
public final class SignatureEvents {

    public static final String TOPIC = "campaigns.signatures.v1";
    public static final String ADDED = "eu.impala.campaigns.signature.added.v1";
    public static final String WITHDRAWN = "eu.impala.campaigns.signature.withdrawn.v1";

    private SignatureEvents() {
    }

    /** A member signed; {@code signedBy} is the user who did, to confirm it to them. */
    public record SignatureAdded(UUID signatureId, UUID campaignId, String campaignSlug, UUID memberId,
                                 String signedBy, UUID viaAssociation, boolean showName, OffsetDateTime signedAt,
                                 int signatureCount) {
    }

    /** A member withdrew its signature while the campaign was open. */
    public record SignatureWithdrawn(UUID signatureId, UUID campaignId, UUID memberId, String withdrawnBy,
                                     OffsetDateTime withdrawnAt, int signatureCount) {
    }

    public static OutgoingEvent added(Signature s, String slug, int count) {
        return new OutgoingEvent(TOPIC, ADDED, s.campaignId().toString(), new SignatureAdded(s.id(), s.campaignId(),
                slug, s.memberId(), s.signedBy(), s.viaAssociation(), s.showName(), s.signedAt(), count));
    }

    public static OutgoingEvent withdrawn(Signature s, String by, OffsetDateTime at, int count) {
        return new OutgoingEvent(TOPIC, WITHDRAWN, s.campaignId().toString(),
                new SignatureWithdrawn(s.id(), s.campaignId(), s.memberId(), by, at, count));
    }
}
