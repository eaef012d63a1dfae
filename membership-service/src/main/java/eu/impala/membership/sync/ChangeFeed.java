package eu.impala.membership.sync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.membership.contact.ContactStore;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactData;
import eu.impala.membership.contact.ContactRole;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberStore;
import eu.impala.membership.member.MemberView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An association's delta feed, read from the change journal: the changes of the members it represents, and of those
 * that left it, in commit order. Each entry says what happened at its position; its member is the member as it is
 * when the feed is read (its current state, with its contacts), as long as the association still represents it:
 * a mirror applies each entry by replacing its copy, and the member's version tells a newer copy from an older one.
 * A member the association no longer represents shows only its id (another association's data never leaks into
 * this feed); an erased one its id and {@code erased: true}.
 */
@ApplicationScoped
public class ChangeFeed {

    /** The cursor of a feed position: where to follow the feed from. */
    public static String cursor(UUID association, long seq) {
        return Cursor.encode(association + ":" + JOURNAL + seq);
    }

    /** One entry before the member's state is added. */
    private record Entry(long seq, UUID memberId, String change, OffsetDateTime at, boolean here) {
    }

    /** Cursors of the journal's feed name their association and a journal position: {@code <association>:j<seq>}. */
    private static final String JOURNAL = "j";

    /**
     * The entries after a position, in seq order: the changes shown in the association's feed and the moves that
     * took members out of it, each along its own index, merged.
     */
    private static final String PAGE = "(select seq, member_id, action, at, true as here from member_journal "
            + "where feed_association = $1 and seq > $2 order by seq limit $3) union all "
            + "(select seq, member_id, 'left-association', at, false from member_journal "
            + "where left_association = $1 and seq > $2 order by seq limit $3) order by seq limit $3";

    /** The association's latest feed position, for a resynchronisation's cursor. */
    public static final String LATEST = "greatest((select max(seq) from member_journal where feed_association = $1), "
            + "(select max(seq) from member_journal where left_association = $1), 0)";

    private final Pool pool;
    private final ContactStore contacts;
    private final ObjectMapper json;
    private final FeedConfig config;

    public ChangeFeed(Pool pool, ContactStore contacts, ObjectMapper json, FeedConfig config) {
        this.pool = pool;
        this.contacts = contacts;
        this.json = json;
        this.config = config;
    }

    /** A page of changes after {@code cursor} (null: from the oldest change still kept). */
    public Uni<ChangeFeedResource.FeedPage> page(UUID association, String cursor, int limit) {
        long after = position(association, Cursor.decode(cursor));
        OffsetDateTime horizon = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        // a first read starts with the changes still kept: the journal itself keeps them all, as history
        String sql = after == 0 ? PAGE.replace("seq > $2", "seq > $2 and at >= $4") : PAGE;
        Tuple params = after == 0 ? Tuple.of(association, 0L, limit + 1, horizon) : Tuple.of(association, after, limit + 1);
        return pool.withConnection(conn -> conn.preparedQuery(sql).execute(params).chain(rows -> {
            List<Entry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(new Entry(row.getLong(0), row.getUUID(1), row.getString(2), row.getOffsetDateTime(3),
                        row.getBoolean(4)));
            }
            if (after > 0 && !entries.isEmpty() && entries.get(0).at().isBefore(horizon)) {
                throw resynchronise("the changes after this cursor are older than the feed's "
                        + config.retention().toDays() + " days");
            }
            boolean more = entries.size() > limit;
            List<Entry> shown = more ? entries.subList(0, limit) : entries;
            return states(conn, association, shown).map(states -> {
                List<ChangeFeedResource.Change> items = new ArrayList<>(shown.size());
                for (Entry e : shown) {
                    Object member = e.here() ? states.get(e.memberId()) : null;
                    items.add(new ChangeFeedResource.Change(e.seq(), e.memberId(), e.change(), e.at(),
                            json.valueToTree(member != null ? member : Map.of("id", e.memberId()))));
                }
                long last = shown.isEmpty() ? after : shown.get(shown.size() - 1).seq();
                return new ChangeFeedResource.FeedPage(items, cursor(association, last), more);
            });
        }));
    }

    /** The current state of the members this association still represents, with their contacts; erased: a marker. */
    private Uni<Map<UUID, Object>> states(SqlConnection conn, UUID association, List<Entry> entries) {
        List<UUID> ids = entries.stream().filter(Entry::here).map(Entry::memberId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return MemberStore.representedBy(conn, association, ids)
                .chain(members -> {
                    List<UUID> live = members.stream().filter(m -> m.erasedAt == null).map(m -> m.id).toList();
                    return contacts.byMember(conn, live).map(byMember -> {
                        Map<UUID, Object> states = new LinkedHashMap<>();
                        for (Member m : members) {
                            states.put(m.id, m.erasedAt != null ? Map.of("id", m.id, "erased", true)
                                    : new State(MemberView.of(m), byMember.getOrDefault(m.id, List.of()).stream()
                                            .map(FeedContact::of).toList()));
                        }
                        return states;
                    });
                });
    }

    /** A member in the feed: its fields as a member reads, then its contacts. */
    record State(@JsonUnwrapped MemberView member, List<FeedContact> contacts) {
    }

    /**
     * A contact in the feed: as the contacts API shows it, but each consent only granted or not. When and through
     * whom it was given stays with the contacts API: its source can name another association (the one whose sync
     * recorded it, before the member moved), which this feed never shows.
     */
    record FeedContact(UUID id, UUID memberId, String name, String email, String phone, ContactRole role,
                       String language, Map<String, Boolean> consents, long version) {

        static FeedContact of(Contact c) {
            ContactData d = c.data();
            return new FeedContact(c.id(), c.memberId(), d.name(), d.email(), d.phone(), d.role(), d.language(),
                    ContactData.answers(d.consents()), c.version());
        }
    }

    /**
     * The journal position a cursor stands for (0: none). A cursor names its association ({@code <association>:j<seq>}):
     * another association's is a 400 problem. Cursors from before the journal (a bare number, or
     * {@code <association>:<number>}) named positions of a feed table that is gone: 410, the client resynchronises.
     */
    static long position(UUID association, String key) {
        if (key == null) {
            return 0;
        }
        int colon = key.indexOf(':');
        String rest = key.substring(colon + 1);
        if (colon >= 0 && !key.substring(0, colon).equals(association.toString())) {
            throw ProblemException.badRequest("this cursor belongs to another association's feed",
                    List.of(new Problem.FieldError("cursor", "a cursor of another association's feed")));
        }
        if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
            throw resynchronise("this cursor is from before the feed moved to the change journal");
        }
        if (!rest.startsWith(JOURNAL)) {
            throw Cursor.invalid();
        }
        try {
            long seq = Long.parseLong(rest.substring(JOURNAL.length()));
            if (seq < 0) {
                throw Cursor.invalid();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }

    /** The 410 problem of a cursor that can no longer be followed, and what to do instead. */
    private static ProblemException resynchronise(String why) {
        return new ProblemException(410, "feed-cursor-expired", "Gone", why + ": resynchronise from the member "
                + "listing, whose first page gives a new cursor, then follow the feed from it");
    }
}
