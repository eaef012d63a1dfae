package eu.impala.membership.member;


import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.membership.duplicate.MatchKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * Set-based persistence of members on a connection's transaction: one statement writes a whole batch, so that
 * a 10,000-record sync costs a handful of round trips, and a single change is simply a batch of one.
 */
@ApplicationScoped
public class MemberStore {

    static final String COLUMNS = "id, kind, legal_name, display_name, country, website, vat_number, headcount, "
            + "turnover_eur, declared_size, size_class, category, represented_by, status, joined_on, renewal_due_on, "
            + "erased_at, created_at, updated_at, version, merged_into";
    /** The match keys written beside a member's columns (see {@link MatchKeys}): arrays $22 to $24 of a batch. */
    private static final String KEYS = "vat_key, domain_key, name_key";
    private static final String UNNEST = "unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
            + "$7::text[], $8::int4[], $9::numeric[], $10::text[], $11::text[], $12::text[], $13::uuid[], $14::text[], "
            + "$15::date[], $16::date[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::int8[], "
            + "$21::uuid[], $22::text[], $23::text[], $24::text[]) as u(" + COLUMNS + ", " + KEYS + ")";

    public Uni<Void> insert(SqlConnection conn, List<Member> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("insert into member (" + COLUMNS + ", " + KEYS + ", match_version) select "
                        + COLUMNS + ", " + KEYS + ", " + MatchKeys.VERSION + " from " + UNNEST)
                .execute(arrays(members)).replaceWithVoid();
    }

    public Uni<Void> update(SqlConnection conn, List<Member> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            if (!column.equals("id") && !column.equals("created_at")) {
                set.append(set.length() == 0 ? "" : ", ").append(column).append(" = u.").append(column);
            }
        }
        // the match keys follow every change of the profile, and an erasure clears them
        set.append(", vat_key = u.vat_key, domain_key = u.domain_key, name_key = u.name_key, match_version = ")
                .append(MatchKeys.VERSION);
        return conn.preparedQuery("update member m set " + set + " from " + UNNEST + " where m.id = u.id")
                .execute(arrays(members)).replaceWithVoid();
    }

    /**
     * The member moved to {@code to} (null: to no association): the references of the other associations are retired
     * and kept, naming where it went, so that their syncs recognise their key and report it moved; a reference of
     * {@code to} itself, from before the member left it, reaches the member again.
     */
    public Uni<Void> moveReferences(SqlConnection conn, UUID member, UUID to, Instant at) {
        return conn.preparedQuery("update member_external_ref set "
                        + "retired_at = case when association_id = $2 then null else coalesce(retired_at, $3) end, "
                        + "moved_to = case when association_id = $2 then null else $2 end where member_id = $1")
                .execute(Tuple.of(member, to, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The member with this id, or null: on a transaction's connection or on the pool. */
    public static Uni<Member> find(io.vertx.mutiny.sqlclient.SqlClient client, UUID id) {
        return client.preparedQuery("select " + COLUMNS + " from member where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : member(rows.iterator().next()));
    }

    /** These members, those of them that this association represents now. */
    public static Uni<List<Member>> representedBy(SqlConnection conn, UUID association, List<UUID> ids) {
        return conn.preparedQuery("select " + COLUMNS + " from member where id = any($1) and represented_by = $2")
                .execute(Tuple.of(ids.toArray(new UUID[0]), association)).map(MemberStore::members);
    }

    /** Reads members and locks them until the transaction ends, so that concurrent changes queue up. */
    public Uni<List<Member>> lock(SqlConnection conn, List<UUID> ids) {
        return conn.preparedQuery("select " + COLUMNS + " from member where id = any($1) order by id for update")
                .execute(Tuple.of(ids.toArray(new UUID[0]))).map(MemberStore::members);
    }

    public static List<Member> members(RowSet<Row> rows) {
        List<Member> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(member(row));
        }
        return out;
    }

    public static Member member(Row row) {
        Member m = new Member();
        m.id = row.getUUID("id");
        m.kind = MemberKind.valueOf(row.getString("kind"));
        m.legalName = row.getString("legal_name");
        m.displayName = row.getString("display_name");
        m.country = row.getString("country");
        m.website = row.getString("website");
        m.vatNumber = row.getString("vat_number");
        m.headcount = row.getInteger("headcount");
        m.turnoverEur = row.getBigDecimal("turnover_eur");
        m.declaredSize = enumOrNull(SizeClass.class, row.getString("declared_size"));
        m.sizeClass = enumOrNull(SizeClass.class, row.getString("size_class"));
        m.category = MembershipCategory.valueOf(row.getString("category"));
        m.representedBy = row.getUUID("represented_by");
        m.status = MembershipStatus.valueOf(row.getString("status"));
        m.joinedOn = row.getLocalDate("joined_on");
        m.renewalDueOn = row.getLocalDate("renewal_due_on");
        m.erasedAt = instant(row.getOffsetDateTime("erased_at"));
        m.createdAt = instant(row.getOffsetDateTime("created_at"));
        m.updatedAt = instant(row.getOffsetDateTime("updated_at"));
        m.version = row.getLong("version");
        m.mergedInto = row.getUUID("merged_into");
        return m;
    }

    private static Tuple arrays(List<Member> members) {
        int n = members.size();
        UUID[] id = new UUID[n];
        String[] kind = new String[n];
        String[] legal = new String[n];
        String[] display = new String[n];
        String[] country = new String[n];
        String[] website = new String[n];
        String[] vat = new String[n];
        Integer[] headcount = new Integer[n];
        Numeric[] turnover = new Numeric[n];
        String[] declared = new String[n];
        String[] size = new String[n];
        String[] category = new String[n];
        UUID[] represented = new UUID[n];
        String[] status = new String[n];
        LocalDate[] joined = new LocalDate[n];
        LocalDate[] renewal = new LocalDate[n];
        OffsetDateTime[] erased = new OffsetDateTime[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] updated = new OffsetDateTime[n];
        Long[] version = new Long[n];
        UUID[] mergedInto = new UUID[n];
        String[] vatKey = new String[n];
        String[] domainKey = new String[n];
        String[] nameKey = new String[n];
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            id[i] = m.id;
            kind[i] = m.kind.name();
            legal[i] = m.legalName;
            display[i] = m.displayName;
            country[i] = m.country;
            website[i] = m.website;
            vat[i] = m.vatNumber;
            headcount[i] = m.headcount;
            turnover[i] = m.turnoverEur == null ? null : Numeric.create(m.turnoverEur);
            declared[i] = m.declaredSize == null ? null : m.declaredSize.name();
            size[i] = m.sizeClass == null ? null : m.sizeClass.name();
            category[i] = m.category.name();
            represented[i] = m.representedBy;
            status[i] = m.status.name();
            joined[i] = m.joinedOn;
            renewal[i] = m.renewalDueOn;
            erased[i] = offset(m.erasedAt);
            created[i] = offset(m.createdAt);
            updated[i] = offset(m.updatedAt);
            version[i] = m.version;
            mergedInto[i] = m.mergedInto;
            // an erased member has no keys, and neither has one merged: it is no longer a member to match
            if (m.erasedAt == null && m.status != MembershipStatus.MERGED) {
                vatKey[i] = MatchKeys.vat(m.vatNumber, m.country);
                domainKey[i] = MatchKeys.domain(m.website);
                nameKey[i] = MatchKeys.nameAndCountry(m.legalName, m.country);
            }
        }
        return Tuple.tuple(java.util.Arrays.asList(id, kind, legal, display, country, website, vat, headcount, turnover,
                declared, size, category, represented, status, joined, renewal, erased, created, updated, version, mergedInto, vatKey,
                domainKey, nameKey));
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

}
