package eu.impala.campaigns.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import eu.impala.campaigns.member.MemberSnapshot;

/**
 * Who may sign: member kinds, membership categories and countries (an empty set admits all); only ACTIVE
 * members ever sign.
 */
public record Eligibility(Set<String> kinds, Set<String> categories, Set<String> countries) {

    public static final String ACTIVE = "ACTIVE";

    public Eligibility {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        countries = countries == null ? Set.of() : Set.copyOf(countries);
    }

    /** Why {@code member} may not sign; empty when it may. */
    public List<String> refusals(MemberSnapshot member) {
        List<String> reasons = new ArrayList<>();
        if (!ACTIVE.equals(member.status())) {
            reasons.add("only ACTIVE members sign; this member is " + member.status());
        }
        if (!kinds.isEmpty() && !kinds.contains(member.kind())) {
            reasons.add("open to member kinds " + sorted(kinds) + ", not " + member.kind());
        }
        if (!categories.isEmpty() && !categories.contains(member.category())) {
            reasons.add("open to membership categories " + sorted(categories) + ", not " + member.category());
        }
        if (!countries.isEmpty() && !countries.contains(member.country())) {
            reasons.add("open to members in " + sorted(countries) + ", not " + member.country());
        }
        return reasons;
    }

    public boolean admits(MemberSnapshot member) {
        return refusals(member).isEmpty();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
