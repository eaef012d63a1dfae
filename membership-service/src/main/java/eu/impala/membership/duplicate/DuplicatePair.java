package eu.impala.membership.duplicate;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Two members that share one or more match keys, for the secretariat to review. */
public record DuplicatePair(
        @Schema(description = "The sum of the reasons' weights: VAT_NUMBER 60, NAME_AND_COUNTRY 25, WEBSITE_DOMAIN 15")
        int score,
        @Schema(description = "The keys the two share, strongest first") List<DuplicateReason> reasons,
        @Schema(description = "The member with the smaller id") Side first,
        @Schema(description = "The other member") Side second) {

    /** One member of a pair: enough to tell which is which without reading both. */
    public record Side(UUID id, String displayName, String legalName, String country,
                       @Schema(nullable = true, description = "Its national association; null for a direct member")
                       UUID representedBy,
                       String status) {
    }
}
