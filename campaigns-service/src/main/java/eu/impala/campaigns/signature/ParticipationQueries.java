package eu.impala.campaigns.signature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.campaigns.campaign.Campaign;
import eu.impala.campaigns.campaign.Eligibility;
import eu.impala.campaigns.counter.Counters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A campaign's reach set against the sector it speaks for: per country and size class, the ACTIVE members, those the
 * campaign's rules admit, and how many of those have a live signature. Members are counted as campaigns knows them
 * now (its read model of membership), so a member that lapsed after signing is neither eligible nor counted as signed.
 */
@ApplicationScoped
public class ParticipationQueries {

    /** One cell: ACTIVE members, eligible members, eligible members who signed, and signed / eligible. */
    public record Share(int members, int eligible, int signed,
                        @Schema(nullable = true, description = "signed / eligible, 4 decimals; null when none is eligible")
                        Double share) {

        Share plus(int members, int eligible, int signed) {
            return of(this.members + members, this.eligible + eligible, this.signed + signed);
        }

        static Share of(int members, int eligible, int signed) {
            return new Share(members, eligible, signed,
                    eligible == 0 ? null : Math.round(10_000.0 * signed / eligible) / 10_000.0);
        }
    }

    /** The figures of one campaign; {@code association} is set when they cover one association's members only. */
    public record Participation(UUID campaignId, @Schema(nullable = true) UUID association, Share total,
                                Map<String, Share> byCountry, Map<String, Share> bySizeClass) {

        /** The CSV's columns: which breakdown a line belongs to, its label, then the figures (as the membership statistics' CSV). */
        public static final List<String> CSV_COLUMNS = List.of("breakdown", "label", "members", "eligible", "signed",
                "share");

        /** A line for the total, then one per country and one per size class. */
        public List<Map<String, Object>> rows() {
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(row("total", "", total));
            byCountry.forEach((country, share) -> rows.add(row("country", country, share)));
            bySizeClass.forEach((size, share) -> rows.add(row("sizeClass", size, share)));
            return rows;
        }

        private static Map<String, Object> row(String breakdown, String label, Share share) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("breakdown", breakdown);
            row.put("label", label);
            row.put("members", share.members());
            row.put("eligible", share.eligible());
            row.put("signed", share.signed());
            row.put("share", share.share());
            return row;
        }
    }

    private static final Share NONE = Share.of(0, 0, 0);

    private final Pool pool;

    public ParticipationQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Participation> of(Campaign campaign, UUID association) {
        Eligibility rules = campaign.eligibility();
        List<Object> params = new ArrayList<>(List.of(campaign.id(), array(rules.kinds()), array(rules.categories()),
                array(rules.countries())));
        // an erased member keeps its row without a name (its signatures stay counted, anonymously): not in the sector
        String scope = " where m.display_name is not null";
        if (association != null) {
            params.add(association);
            scope += " and m.represented_by = $5";
        }
        // one pass over the read model; the partial unique index finds each member's live signature
        String eligible = "m.status = 'ACTIVE' and (cardinality($2::text[]) = 0 or m.kind = any($2::text[])) "
                + "and (cardinality($3::text[]) = 0 or m.category = any($3::text[])) "
                + "and (cardinality($4::text[]) = 0 or m.country = any($4::text[]))";
        return pool.preparedQuery("select m.country, coalesce(m.size_class, '" + Counters.UNKNOWN_SIZE + "') as size_class, "
                        + "count(*) filter (where m.status = 'ACTIVE')::int as members, "
                        + "count(*) filter (where " + eligible + ")::int as eligible, "
                        + "count(s.id) filter (where " + eligible + ")::int as signed "
                        + "from member_view m left join signature s on s.member_id = m.member_id and s.campaign_id = $1 "
                        + "and s.withdrawn_at is null" + scope + " group by 1, 2")
                .execute(Tuple.from(params))
                .map(rows -> {
                    Map<String, Share> byCountry = new TreeMap<>();
                    Map<String, Share> bySize = new TreeMap<>();
                    Share total = NONE;
                    for (Row r : rows) {
                        int members = r.getInteger("members");
                        int eligibleMembers = r.getInteger("eligible");
                        int signed = r.getInteger("signed");
                        if (members == 0) {
                            continue; // only lapsed or terminated members here: not part of the sector today
                        }
                        total = total.plus(members, eligibleMembers, signed);
                        byCountry.merge(r.getString("country"), Share.of(members, eligibleMembers, signed),
                                (a, b) -> a.plus(b.members(), b.eligible(), b.signed()));
                        bySize.merge(r.getString("size_class"), Share.of(members, eligibleMembers, signed),
                                (a, b) -> a.plus(b.members(), b.eligible(), b.signed()));
                    }
                    return new Participation(campaign.id(), association, total, byCountry, bySize);
                });
    }

    private static String[] array(java.util.Set<String> values) {
        return values.toArray(String[]::new);
    }
}
