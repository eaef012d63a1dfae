package eu.impala.membership.contact;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.bulk.Bulk;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Set-based persistence of contacts on a connection's transaction. */
@ApplicationScoped
public class ContactStore {

    private static final String COLUMNS = "id, member_id, name, email, phone, role, language, consents, created_at, "
            + "updated_at, version";
    private static final String UNNEST = "unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], "
            + "$7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::int8[]) as u(" + COLUMNS + ")";

    private final ObjectMapper json;

    public ContactStore(ObjectMapper json) {
        this.json = json;
    }

    /** The contacts of these members, by member. */
    public Uni<Map<UUID, List<Contact>>> byMember(SqlConnection conn, List<UUID> memberIds) {
        return rowsByMember(conn, memberIds).map(this::byMember);
    }

    /** The rows of these members' contacts, for a caller that reads them into contacts on another thread. */
    public Uni<RowSet<Row>> rowsByMember(SqlConnection conn, List<UUID> memberIds) {
        return conn.preparedQuery("select " + COLUMNS + " from contact where member_id = any($1) order by created_at, id")
                .execute(Tuple.of(memberIds.toArray(new UUID[0])));
    }

    /** Contact rows read into contacts, by member, in the order of the rows. */
    public Map<UUID, List<Contact>> byMember(RowSet<Row> rows) {
        Map<UUID, List<Contact>> out = new HashMap<>();
        for (Row row : rows) {
            Contact c = contact(row);
            out.computeIfAbsent(c.memberId(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    public Uni<Void> insert(SqlConnection conn, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("insert into contact (" + COLUMNS + ") select id, member_id, name, email, phone, role, "
                        + "language, consents::jsonb, created_at, updated_at, version from " + UNNEST)
                .execute(arrays(contacts)).replaceWithVoid();
    }

    public Uni<Void> update(SqlConnection conn, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update contact c set name = u.name, email = u.email, phone = u.phone, role = u.role, "
                        + "language = u.language, consents = u.consents::jsonb, updated_at = u.updated_at, "
                        + "version = u.version from " + UNNEST + " where c.id = u.id")
                .execute(arrays(contacts)).replaceWithVoid();
    }

    public Uni<Void> delete(SqlConnection conn, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("delete from contact where id = any($1)").execute(Tuple.of(ids.toArray(new UUID[0])))
                .replaceWithVoid();
    }

    private Tuple arrays(List<Contact> contacts) {
        int n = contacts.size();
        UUID[] id = new UUID[n];
        UUID[] member = new UUID[n];
        String[] name = new String[n];
        String[] email = new String[n];
        String[] phone = new String[n];
        String[] role = new String[n];
        String[] language = new String[n];
        String[] consents = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] updated = new OffsetDateTime[n];
        Long[] version = new Long[n];
        Bulk.indexes(n).forEach(i -> {
            Contact c = contacts.get(i);
            id[i] = c.id();
            member[i] = c.memberId();
            name[i] = c.data().name();
            email[i] = c.data().email();
            phone[i] = c.data().phone();
            role[i] = c.data().role().name();
            language[i] = c.data().language();
            consents[i] = write(c.data().consents());
            created[i] = c.createdAt().atOffset(ZoneOffset.UTC);
            updated[i] = c.updatedAt().atOffset(ZoneOffset.UTC);
            version[i] = c.version();
        });
        return Tuple.tuple(java.util.Arrays.asList(id, member, name, email, phone, role, language, consents, created,
                updated, version));
    }

    Contact contact(Row row) {
        Map<String, Consent> consents = read(row.getValue("consents").toString());
        ContactData data = new ContactData(row.getString("name"), row.getString("email"), row.getString("phone"),
                ContactRole.valueOf(row.getString("role")), row.getString("language"), consents);
        return new Contact(row.getUUID("id"), row.getUUID("member_id"), data, row.getLong("version"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Consent> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException("consents are not JSON: " + text, e);
        }
    }
}
