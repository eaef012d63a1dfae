package eu.impala.campaigns.member;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a merge of two members (membership's {@code member.merged}) does to signatures: the duplicate's signatures
 * become the survivor's, and where both had signed the same campaign the earlier signature stays live and the later is
 * withdrawn by the merge, so that a campaign counts the member once and its count is exact. Set-based: one statement
 * per step for a whole round of merges.
 */
final class MergedSignatures {

    /** Who withdrew a signature that a merge made the member's second one. */
    static final String WITHDRAWN_BY = "membership:merge";

    private MergedSignatures() {
    }

    /**
     * Applies the merges of a round ({@code duplicates[i]} into {@code survivors[i]}).
     *
     * @return the campaigns whose count changed, for their cached counters to go
     */
    static Uni<List<UUID>> apply(SqlConnection conn, List<UUID> duplicates, List<UUID> survivors) {
        if (duplicates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple pairs = Tuple.of(duplicates.toArray(UUID[]::new), survivors.toArray(UUID[]::new));
        // the later of two live signatures of one campaign goes, and the campaign's count with it; the statement
        // returns the campaigns so counted (a closed campaign's count is corrected too: it counts members)
        return conn.preparedQuery("with pair as (select * from unnest($1::uuid[], $2::uuid[]) as p(duplicate, survivor)), "
                        // each live signature once, even when two duplicates of one survivor merge in one round
                        + "sig as (select distinct s.id, s.campaign_id, s.signed_at, p.survivor from signature s "
                        + "join pair p on s.member_id = p.duplicate or s.member_id = p.survivor "
                        + "where s.withdrawn_at is null), "
                        + "live as (select id, campaign_id, row_number() over (partition by campaign_id, survivor "
                        + "order by signed_at, id) as rank from sig), "
                        + "withdrawn as (update signature s set withdrawn_at = now(), withdrawn_by = '" + WITHDRAWN_BY + "' "
                        + "from live l where s.id = l.id and l.rank > 1 returning s.campaign_id), "
                        + "per_campaign as (select campaign_id, count(*)::int as n from withdrawn group by campaign_id) "
                        + "update campaign c set signature_count = c.signature_count - pc.n from per_campaign pc "
                        + "where c.id = pc.campaign_id returning c.id")
                .execute(pairs)
                .chain(counted -> conn.preparedQuery("update signature s set member_id = p.survivor from unnest($1::uuid[], "
                                + "$2::uuid[]) as p(duplicate, survivor) where s.member_id = p.duplicate "
                                + "returning s.campaign_id")
                        .execute(pairs)
                        .map(moved -> {
                            List<UUID> campaigns = new ArrayList<>();
                            for (Row row : counted) {
                                campaigns.add(row.getUUID(0));
                            }
                            for (Row row : moved) {
                                campaigns.add(row.getUUID(0));
                            }
                            return campaigns.stream().distinct().toList();
                        }));
    }
}
