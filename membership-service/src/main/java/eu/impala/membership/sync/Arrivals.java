package eu.impala.membership.sync;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import eu.impala.commons.problem.Problem;
import eu.impala.membership.member.Member;

/**
 * Members that came to an association other than through its own list, as its sync sees them: those its records
 * name by {@code memberId} to adopt them under their {@code externalId}, and those the secretariat moved to it that
 * none of its keys reaches yet, which a record with a new key must not silently duplicate.
 *
 * @param named     members the association represents that a record names by memberId, by id, each with the key the
 *                  association already syncs it under ({@code externalId}, null when none) and its contacts
 * @param unclaimed members moved to the association that none of its references reaches yet (without contacts)
 */
public record Arrivals(Map<UUID, SyncPlan.Existing> named, List<Member> unclaimed) {

    public static final Arrivals NONE = new Arrivals(Map.of(), List.of());

    /** What a record with a key new to the association holds to: the member it adopts, or why it is not applied. */
    public record Claim(SyncPlan.Existing adopted, Problem.FieldError refusal) {
    }

    /**
     * The claim of {@code r}, a record whose key the association has no reference by; null when it is simply a new
     * member. {@code adoptedBefore} are the members earlier records of the run adopted.
     */
    public Claim claim(SyncRecord r, String field, Set<UUID> adoptedBefore) {
        if (r.memberId() != null) {
            SyncPlan.Existing named = this.named.get(r.memberId());
            if (named == null) {
                // the same answer whether the id is unknown or another association's: ids reveal nothing
                return refusal(field, "this association represents no member with this id");
            }
            if (named.externalId() != null) {
                return refusal(field, "this association already syncs this member as externalId "
                        + named.externalId() + "; send the record under that key");
            }
            if (adoptedBefore.contains(r.memberId())) {
                return refusal(field, "another record of this sync adopts this member");
            }
            return new Claim(new SyncPlan.Existing(r.externalId(), named.member(), named.contacts()), null);
        }
        for (Member m : unclaimed) {
            if (sameOrganisation(m, r)) {
                return refusal(field, "this looks like member " + m.id + ", which the IMPALA secretariat moved to this "
                        + "association: send memberId " + m.id + " with this record to adopt it under this externalId");
            }
        }
        return null;
    }

    /** Same VAT number, or same legal name in the same country: enough to stop and ask, not to merge. */
    static boolean sameOrganisation(Member m, SyncRecord r) {
        String vat = vat(r.vatNumber());
        if (vat != null && vat.equals(vat(m.vatNumber))) {
            return true;
        }
        return r.legalName() != null && m.legalName != null && Objects.equals(r.country(), m.country)
                && r.legalName().strip().equalsIgnoreCase(m.legalName.strip());
    }

    private static String vat(String number) {
        return number == null ? null : number.replaceAll("[ .\\-]", "").toUpperCase(Locale.ROOT);
    }

    private static Claim refusal(String field, String message) {
        return new Claim(null, new Problem.FieldError(field, message));
    }
}
