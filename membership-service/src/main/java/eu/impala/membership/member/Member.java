package eu.impala.membership.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A member of IMPALA. Persistence only knows its columns; the rules (lifecycle, size class) live in
 * {@link MembershipStatus}, {@link MemberProfile} and here.
 */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public MemberKind kind;
    @Column(name = "legal_name")
    public String legalName;
    @Column(name = "display_name")
    public String displayName;
    public String country;
    public String website;
    @Column(name = "vat_number")
    public String vatNumber;
    public Integer headcount;
    @Column(name = "turnover_eur")
    public BigDecimal turnoverEur;
    @Enumerated(EnumType.STRING)
    @Column(name = "declared_size")
    public SizeClass declaredSize;
    @Enumerated(EnumType.STRING)
    @Column(name = "size_class")
    public SizeClass sizeClass;
    @Enumerated(EnumType.STRING)
    public MembershipCategory category;
    @Column(name = "represented_by")
    public UUID representedBy;
    @Enumerated(EnumType.STRING)
    public MembershipStatus status;
    @Column(name = "joined_on")
    public LocalDate joinedOn;
    @Column(name = "renewal_due_on")
    public LocalDate renewalDueOn;
    @Column(name = "erased_at")
    public Instant erasedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Bumped by each change; exposed as the ETag. Checked by hand against If-Match, not by JPA locking. */
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
