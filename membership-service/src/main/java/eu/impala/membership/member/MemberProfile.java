package eu.impala.membership.member;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What is known about a member besides its identity and status: the fields an association keeps in its own
 * list and syncs into ours. Two profiles are equal when nothing an association could send differs.
 */
public record MemberProfile(MemberKind kind, String legalName, String displayName, String country, String website,
                            String vatNumber, Integer headcount, BigDecimal turnoverEur, SizeClass declaredSize,
                            MembershipCategory category, UUID representedBy, LocalDate joinedOn,
                            LocalDate renewalDueOn) {

    /** The SME class from headcount and turnover when given, else as declared. */
    public Optional<SizeClass> sizeClass() {
        return kind == MemberKind.COMPANY ? SizeClass.classify(headcount, turnoverEur, declaredSize) : Optional.empty();
    }

    /** Names of the fields whose values differ from {@code before}, in declaration order. */
    public List<String> changedFrom(MemberProfile before) {
        List<String> changed = new ArrayList<>();
        compare(changed, "kind", before, MemberProfile::kind);
        compare(changed, "legalName", before, MemberProfile::legalName);
        compare(changed, "displayName", before, MemberProfile::displayName);
        compare(changed, "country", before, MemberProfile::country);
        compare(changed, "website", before, MemberProfile::website);
        compare(changed, "vatNumber", before, MemberProfile::vatNumber);
        compare(changed, "headcount", before, MemberProfile::headcount);
        if (!sameAmount(turnoverEur, before == null ? null : before.turnoverEur)) {
            changed.add("turnoverEur");
        }
        compare(changed, "sizeClass", before, MemberProfile::declaredSize);
        compare(changed, "category", before, MemberProfile::category);
        compare(changed, "representedBy", before, MemberProfile::representedBy);
        compare(changed, "joinedOn", before, MemberProfile::joinedOn);
        compare(changed, "renewalDueOn", before, MemberProfile::renewalDueOn);
        return changed;
    }

    private <T> void compare(List<String> changed, String name, MemberProfile before, Function<MemberProfile, T> field) {
        if (before == null || !Objects.equals(field.apply(this), field.apply(before))) {
            changed.add(name);
        }
    }

    /** 1000 and 1000.00 are the same turnover. */
    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
