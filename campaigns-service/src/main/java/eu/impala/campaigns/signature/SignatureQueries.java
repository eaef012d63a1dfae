package eu.impala.campaigns.signature;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.impala.campaigns.campaign.Eligibility;
import eu.impala.campaigns.member.MemberDirectory;
import eu.impala.campaigns.member.MemberSnapshot;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of signatures: the public list, the admins' lists and figures, and an association's mobilisation. */
@ApplicationScoped
public class SignatureQueries {

    /** Signatures per day, country and representing association ({@code "none"} for direct members). */
    public record Stats(int total, Map<LocalDate, Integer> byDay, Map<String, Integer> byCountry,
                        Map<String, Integer> byAssociation) {
    }

    /** One member an association represents, whether it may sign and whether it has. */
    public record MobilisationEntry(UUID memberId, @Schema(nullable = true) String displayName, String country,
                                    String kind, String status, boolean eligible, boolean signed,
                                    @Schema(nullable = true) OffsetDateTime signedAt) {
    }

    /** A member's signature with the campaign it is on. */
    public record MemberSignature(String campaignSlug, String campaignTitle, String campaignStatus,
                                  Signature signature) {
    }

    private final Pool pool;

    public SignatureQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<CursorPage<Signatory>> publicSignatories(UUID campaignId, String cursor, int limit) {
        List<Object> params = new ArrayList<>(List.of(campaignId));
        String where = "s.campaign_id = $1 and s.withdrawn_at is null and s.show_name and s.anonymised_at is null "
                + "and m.display_name is not null" + after(params, cursor, "s.signed_at", "s.id");
        params.add(limit + 1);
        return pool.preparedQuery("select s.id, s.signed_at, m.display_name, s.country, s.member_kind from signature s "
                        + "join member_view m on m.member_id = s.member_id where " + where
                        + " order by s.signed_at, s.id limit $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Row> fetched = new ArrayList<>();
                    rows.forEach(fetched::add);
                    return CursorPage.of(fetched, limit, r -> TimeCursor.key(r.getOffsetDateTime("signed_at"), r.getUUID("id")))
                            .map(r -> new Signatory(r.getString("display_name"), r.getString("country"),
                                    r.getString("member_kind"), r.getOffsetDateTime("signed_at")));
                });
    }

    /** Live signatures in signing order; {@code association} restricts them to the members it represents. */
    public Uni<CursorPage<Signature>> list(UUID campaignId, UUID association, String cursor, int limit) {
        List<Object> params = new ArrayList<>(List.of(campaignId));
        StringBuilder where = new StringBuilder("campaign_id = $1 and withdrawn_at is null");
        if (association != null) {
            params.add(association);
            where.append(" and represented_by = $").append(params.size());
        }
        where.append(after(params, cursor, "signed_at", "id"));
        params.add(limit + 1);
        return pool.preparedQuery("select " + Signature.COLUMNS + " from signature where " + where
                        + " order by signed_at, id limit $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Signature> fetched = new ArrayList<>();
                    rows.forEach(r -> fetched.add(Signature.of(r)));
                    return CursorPage.of(fetched, limit, s -> TimeCursor.key(s.signedAt(), s.id()));
                });
    }

    /** Every signature a member gave, live and withdrawn, newest first. */
    public Uni<List<MemberSignature>> ofMember(UUID memberId) {
        return pool.preparedQuery("select c.slug, c.title, c.status, " + prefixed("s") + " from signature s "
                        + "join campaign c on c.id = s.campaign_id where s.member_id = $1 order by s.signed_at desc, s.id")
                .execute(Tuple.of(memberId))
                .map(rows -> {
                    List<MemberSignature> result = new ArrayList<>();
                    rows.forEach(r -> result.add(new MemberSignature(r.getString("slug"), r.getString("title"),
                            r.getString("status"), Signature.of(r))));
                    return result;
                });
    }

    public Uni<Stats> stats(UUID campaignId, UUID association) {
        List<Object> params = new ArrayList<>(List.of(campaignId));
        String where = "campaign_id = $1 and withdrawn_at is null";
        if (association != null) {
            params.add(association);
            where += " and represented_by = $2";
        }
        return pool.preparedQuery("select (signed_at at time zone 'UTC')::date as day, country, "
                        + "coalesce(represented_by::text, 'none') as association, count(*)::int as n from signature where "
                        + where + " group by 1, 2, 3")
                .execute(Tuple.from(params))
                .map(rows -> {
                    Map<LocalDate, Integer> byDay = new TreeMap<>();
                    Map<String, Integer> byCountry = new TreeMap<>();
                    Map<String, Integer> byAssociation = new TreeMap<>();
                    int total = 0;
                    for (Row r : rows) {
                        int n = r.getInteger("n");
                        total += n;
                        byDay.merge(r.getLocalDate("day"), n, Integer::sum);
                        byCountry.merge(r.getString("country"), n, Integer::sum);
                        byAssociation.merge(r.getString("association"), n, Integer::sum);
                    }
                    return new Stats(total, byDay, byCountry, byAssociation);
                });
    }

    /**
     * The members {@code association} represents, in id order, each with whether it may sign {@code rules} and
     * whether it has; {@code signed} filters on the latter.
     */
    public Uni<CursorPage<MobilisationEntry>> mobilisation(UUID campaignId, Eligibility rules, UUID association,
                                                          Boolean signed, String cursor, int limit) {
        List<Object> params = new ArrayList<>(List.of(campaignId, association));
        StringBuilder where = new StringBuilder("m.represented_by = $2");
        if (signed != null) {
            where.append(signed ? " and s.id is not null" : " and s.id is null");
        }
        String afterId = Cursor.decode(cursor);
        if (afterId != null) {
            try {
                params.add(UUID.fromString(afterId));
            } catch (IllegalArgumentException e) {
                throw Cursor.invalid();
            }
            where.append(" and m.member_id > $").append(params.size());
        }
        params.add(limit + 1);
        return pool.preparedQuery("select " + prefixedMember() + ", s.signed_at from member_view m left join signature s "
                        + "on s.member_id = m.member_id and s.campaign_id = $1 and s.withdrawn_at is null where " + where
                        + " order by m.member_id limit $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<MobilisationEntry> fetched = new ArrayList<>();
                    for (Row r : rows) {
                        MemberSnapshot m = MemberDirectory.of(r);
                        OffsetDateTime signedAt = r.getOffsetDateTime("signed_at");
                        fetched.add(new MobilisationEntry(m.memberId(), m.displayName(), m.country(), m.kind(),
                                m.status(), rules.admits(m), signedAt != null, signedAt));
                    }
                    return CursorPage.of(fetched, limit, e -> e.memberId().toString());
                });
    }

    /** Live signatures with the member's current name (none once erased), for the CSV export. */
    public Uni<List<Map<String, Object>>> export(UUID campaignId) {
        return pool.preparedQuery("select s.id, s.member_id, m.display_name, s.country, s.member_kind, s.size_class, "
                        + "s.represented_by, s.signed_at, s.signed_by, s.via_association, s.show_name, s.comment, s.pledge "
                        + "from signature s left join member_view m on m.member_id = s.member_id "
                        + "where s.campaign_id = $1 and s.withdrawn_at is null order by s.signed_at, s.id")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    List<Map<String, Object>> result = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        for (int i = 0; i < r.size(); i++) {
                            line.put(r.getColumnName(i), r.getValue(i));
                        }
                        result.add(line);
                    }
                    return result;
                });
    }

    private static String after(List<Object> params, String cursor, String timeColumn, String idColumn) {
        TimeCursor position = TimeCursor.decode(cursor);
        if (position == null) {
            return "";
        }
        params.add(position.at());
        params.add(position.id());
        return " and (" + timeColumn + ", " + idColumn + ") > ($" + (params.size() - 1) + ", $" + params.size() + ")";
    }

    private static String prefixed(String alias) {
        return alias + "." + Signature.COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static String prefixedMember() {
        return "m." + MemberDirectory.COLUMNS.replace(", ", ", m.");
    }
}
