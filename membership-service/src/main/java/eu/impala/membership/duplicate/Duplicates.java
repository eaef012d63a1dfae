package eu.impala.membership.duplicate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Duplicate candidates, by equal match keys (see {@link MatchKeys}), which every write of a member keeps beside it:
 * the secretariat's list of pairs, and the warnings of a sync batch or a registration, each one statement.
 */
@ApplicationScoped
public class Duplicates {

    /** A key shared by more members than this says little (a distributor's site, a placeholder): it makes no pairs. */
    static final int MAX_SHARING = 50;
    /** How many matching members per reason a warning names for the secretariat. */
    static final int IDS_PER_REASON = 5;

    private static final String PAIRS = """
            with shared as (%s),
            pairs as (select a, b, reason, weight from shared, unnest(ids) a, unnest(ids) b where a < b),
            scored as (select a, b, sum(weight)::int as score, array_agg(reason order by weight desc) as reasons
                       from pairs group by a, b)
            select s.score, s.reasons, s.a, s.b,
                   ma.display_name as a_display, ma.legal_name as a_legal, ma.country as a_country,
                   ma.represented_by as a_association, ma.status as a_status,
                   mb.display_name as b_display, mb.legal_name as b_legal, mb.country as b_country,
                   mb.represented_by as b_association, mb.status as b_status
            from scored s join member ma on ma.id = s.a join member mb on mb.id = s.b
            where $1::int is null or s.score < $1 or (s.score = $1 and (s.a, s.b) > ($2::uuid, $3::uuid))
            order by s.score desc, s.a, s.b
            limit $4""".formatted(String.join(" union all ", Arrays.stream(DuplicateReason.values())
            .map(r -> ("select '%s' as reason, %d as weight, array_agg(id) as ids from member where %s is not null "
                    + "and erased_at is null group by %s having count(*) between 2 and " + MAX_SHARING)
                    .formatted(r.name(), r.weight, r.column, r.column))
            .toList()));

    /**
     * Per reason: the batch's distinct keys, each looked up once in its index, and up to {@link #IDS_PER_REASON}
     * members that have it and are direct members or represented by another association than $4. A key the batch
     * shares with many members of the association itself costs one index probe, not one per record.
     */
    private static final String MATCHES = String.join(" union all ", Arrays.stream(DuplicateReason.values())
            .map(r -> ("select '%1$s' as reason, d.k, h.id from (select distinct k from unnest($%2$d::text[]) k "
                    + "where k is not null) d cross join lateral (select m.id from member m where m.%3$s = d.k "
                    + "and m.erased_at is null and (m.represented_by is null or m.represented_by is distinct from $4) "
                    + "order by m.id limit " + IDS_PER_REASON + ") h")
                    .formatted(r.name(), r.ordinal() + 1, r.column))
            .toList());

    private final Pool pool;

    public Duplicates(Pool pool) {
        this.pool = pool;
    }

    /** The keys of one record or registration, derived as every write of a member derives them. */
    public record Keys(String vat, String domain, String name) {

        public static Keys of(String vatNumber, String website, String legalName, String country) {
            return new Keys(MatchKeys.vat(vatNumber, country), MatchKeys.domain(website),
                    MatchKeys.nameAndCountry(legalName, country));
        }

        String of(DuplicateReason reason) {
            return switch (reason) {
                case VAT_NUMBER -> vat;
                case WEBSITE_DOMAIN -> domain;
                case NAME_AND_COUNTRY -> name;
            };
        }
    }

    /**
     * The warning of each of {@code keys} (null where none), in one statement: it matches members represented by
     * another association than {@code own}, or by none (a direct member); with {@code own} null, every member. The
     * members' ids are named only when {@code withIds} (the secretariat's).
     */
    public Uni<List<DuplicateWarning>> warnings(SqlClient client, List<Keys> keys, UUID own, boolean withIds) {
        List<DuplicateWarning> none = new ArrayList<>(keys.size());
        keys.forEach(k -> none.add(null));
        if (keys.stream().allMatch(k -> k.vat() == null && k.domain() == null && k.name() == null)) {
            return Uni.createFrom().item(none);
        }
        DuplicateReason[] reasons = DuplicateReason.values();
        List<Object> arrays = new ArrayList<>();
        for (DuplicateReason reason : reasons) {
            arrays.add(keys.stream().map(k -> k.of(reason)).toArray(String[]::new));
        }
        arrays.add(own);
        return client.preparedQuery(MATCHES).execute(Tuple.tuple(arrays)).map(rows -> {
            Map<DuplicateReason, Map<String, List<UUID>>> hits = new HashMap<>();
            for (Row row : rows) {
                hits.computeIfAbsent(DuplicateReason.valueOf(row.getString("reason")), r -> new HashMap<>())
                        .computeIfAbsent(row.getString("k"), k -> new ArrayList<>()).add(row.getUUID("id"));
            }
            List<DuplicateWarning> out = new ArrayList<>(keys.size());
            for (Keys k : keys) {
                List<DuplicateReason> found = new ArrayList<>();
                Set<UUID> ids = new LinkedHashSet<>();
                for (DuplicateReason reason : reasons) {
                    String key = k.of(reason);
                    List<UUID> members = key == null ? null : hits.getOrDefault(reason, Map.of()).get(key);
                    if (members != null) {
                        found.add(reason);
                        ids.addAll(members);
                    }
                }
                out.add(found.isEmpty() ? null : new DuplicateWarning(DuplicateWarning.CODE, found,
                        withIds ? List.copyOf(ids) : null));
            }
            return out;
        });
    }

    /** A page of the pairs of members that share a key, the highest score first, then by their ids. */
    public Uni<CursorPage<DuplicatePair>> pairs(String cursor, int limit) {
        Object[] after = after(cursor);
        return pool.preparedQuery(PAIRS).execute(Tuple.of(after[0], after[1], after[2], limit + 1)).map(rows -> {
            List<DuplicatePair> fetched = new ArrayList<>(rows.size());
            for (Row row : rows) {
                fetched.add(new DuplicatePair(row.getInteger("score"),
                        Arrays.stream(row.getArrayOfStrings("reasons")).map(DuplicateReason::valueOf).toList(),
                        side(row, "a"), side(row, "b")));
            }
            return CursorPage.of(fetched, limit, p -> p.score() + "|" + p.first().id() + "|" + p.second().id());
        });
    }

    private static DuplicatePair.Side side(Row row, String prefix) {
        return new DuplicatePair.Side(row.getUUID(prefix), row.getString(prefix + "_display"),
                row.getString(prefix + "_legal"), row.getString(prefix + "_country"),
                row.getUUID(prefix + "_association"), row.getString(prefix + "_status"));
    }

    /** The score and ids of the last pair seen, or nulls for the first page; another shape is a 400 problem. */
    private static Object[] after(String cursor) {
        String key = Cursor.decode(cursor);
        if (key == null) {
            return new Object[] {null, null, null};
        }
        String[] parts = key.split("\\|");
        try {
            if (parts.length != 3) {
                throw Cursor.invalid();
            }
            return new Object[] {Integer.parseInt(parts[0]), UUID.fromString(parts[1]), UUID.fromString(parts[2])};
        } catch (IllegalArgumentException e) {
            throw Cursor.invalid();
        }
    }
}
