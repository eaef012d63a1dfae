package eu.impala.membership.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * A member of IMPALA, as {@link MemberStore} reads and writes its row; the rules (lifecycle, size class) live in
 * {@link MembershipStatus}, {@link MemberProfile} and here.
 */
public class Member {

    public UUID id;
    public MemberKind kind;
    public String legalName;
    public String displayName;
    public String country;
    public String website;
    public String vatNumber;
    public Integer headcount;
    public BigDecimal turnoverEur;
    public SizeClass declaredSize;
    public SizeClass sizeClass;
    public MembershipCategory category;
    public UUID representedBy;
    public MembershipStatus status;
    public LocalDate joinedOn;
    public LocalDate renewalDueOn;
    public Instant erasedAt;
    public Instant createdAt;
    public Instant updatedAt;
    /** The member this one was merged into (status MERGED), else null. */
    public UUID mergedInto;
    /** Bumped by each change; exposed as the ETag. Checked against If-Match by the write paths. */
    public long version;

    public static Member register(UUID id, MemberProfile profile, Instant now) {
        Member m = new Member();
        m.id = id;
        m.status = MembershipStatus.APPLICANT;
        m.createdAt = now;
        m.version = 1;
        m.apply(profile, now);
        return m;
    }

    public MemberProfile profile() {
        return new MemberProfile(kind, legalName, displayName, country, website, vatNumber, headcount, turnoverEur,
                declaredSize, category, representedBy, joinedOn, renewalDueOn);
    }

    /** Takes over every field of {@code profile}; the caller decides whether anything changed. */
    public void apply(MemberProfile profile, Instant now) {
        kind = profile.kind();
        legalName = profile.legalName();
        displayName = profile.displayName();
        country = profile.country();
        website = profile.website();
        vatNumber = profile.vatNumber();
        headcount = profile.headcount();
        turnoverEur = profile.turnoverEur();
        declaredSize = profile.declaredSize();
        sizeClass = profile.sizeClass().orElse(null);
        category = profile.category();
        representedBy = profile.representedBy();
        joinedOn = profile.joinedOn();
        renewalDueOn = profile.renewalDueOn();
        updatedAt = now;
    }

    /**
     * Moves to {@code next}, or fails with a 409 problem naming the statuses allowed from here.
     *
     * @return the status it had before
     */
    public MembershipStatus transitionTo(MembershipStatus next, Instant now) {
        if (!status.canBecome(next)) {
            List<String> allowed = status.allowedNext().stream().map(Enum::name).sorted().toList();
            throw new ProblemException(409, "illegal-transition", "Conflict",
                    "a " + status + " member cannot become " + next + "; allowed from " + status + ": "
                            + (allowed.isEmpty() ? "none (final)" : String.join(", ", allowed)),
                    List.of(new Problem.FieldError("status", "allowed: " + allowed)));
        }
        MembershipStatus before = status;
        status = next;
        if (next == MembershipStatus.ACTIVE && joinedOn == null) {
            joinedOn = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        }
        updatedAt = now;
        version++;
        return before;
    }
}
