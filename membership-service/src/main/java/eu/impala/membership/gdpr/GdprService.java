package eu.impala.membership.gdpr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactChange;
import eu.impala.membership.contact.ContactStore;
import eu.impala.membership.contact.ContactView;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberChange;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MemberLedger;
import eu.impala.membership.member.MemberQueries;
import eu.impala.membership.member.MemberService;
import eu.impala.membership.member.MemberStore;
import eu.impala.membership.member.MemberView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * GDPR requests: everything held about a member and its contacts, and erasure of a contact or of an artist
 * member (a natural person). Erasure removes the personal data from every table of this service — the rows,
 * their entries in the change journal with the events it holds, outbox rows and stored responses — and publishes an erasure event
 * so the other services do the same.
 */
@ApplicationScoped
public class GdprService {

    static final String ERASED = "(erased)";
    private static final String MEMBER_COLUMNS = "id, kind, legal_name, display_name, country, website, vat_number, "
            + "headcount, turnover_eur, declared_size, size_class, category, represented_by, status, joined_on, "
            + "renewal_due_on, erased_at, created_at, updated_at, version, merged_into";

    private final MemberService members;
    private final MemberStore memberStore;
    private final ContactStore contacts;
    private final MemberLedger ledger;
    private final MemberQueries history;

    public GdprService(MemberService members, MemberStore memberStore, ContactStore contacts, MemberLedger ledger,
                       MemberQueries history) {
        this.members = members;
        this.memberStore = memberStore;
        this.contacts = contacts;
        this.ledger = ledger;
        this.history = history;
    }

    /** Everything this service holds about the member: profile, keys, contacts with consents, history, feed. */
    public Uni<Map<String, Object>> export(SqlConnection conn, Caller caller, UUID memberId) {
        Map<String, Object> out = new LinkedHashMap<>();
        return members.lockVisible(conn, caller, memberId, null)
                .invoke(m -> {
                    out.put("exportedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS));
                    out.put("member", MemberView.of(m));
                })
                .chain(m -> conn.preparedQuery("select association_id, external_id from member_external_ref where member_id = $1")
                        .execute(Tuple.of(memberId)))
                .invoke(rows -> out.put("externalReferences", list(rows, r -> Map.of("associationId", r.getUUID(0),
                        "externalId", r.getString(1)))))
                .chain(() -> contacts.byMember(conn, List.of(memberId)))
                .invoke(byMember -> out.put("contacts", byMember.getOrDefault(memberId, List.of()).stream()
                        .map(ContactView::of).toList()))
                .chain(() -> history.all(conn, memberId))
                .invoke(entries -> out.put("history", entries.stream().map(e -> entry("at", e.at(), "actor", e.actor(),
                        "subject", e.subject(), "subjectId", e.subjectId(), "action", e.action(), "reason", e.reason(),
                        "changes", e.changes())).toList()))
                .chain(() -> conn.preparedQuery("select seq, feed_association, action, at from member_journal "
                        + "where member_id = $1 and feed_association is not null union all "
                        + "select seq, left_association, 'left-association', at from member_journal "
                        + "where member_id = $1 and left_association is not null order by seq").execute(Tuple.of(memberId)))
                .invoke(rows -> out.put("associationFeed", list(rows, r -> entry("seq", r.getLong(0), "associationId",
                        r.getUUID(1), "change", r.getString(2), "at", r.getOffsetDateTime(3)))))
                .replaceWith(out);
    }

    /** Erases one contact person of a member. */
    public Uni<Void> eraseContact(SqlConnection conn, Caller caller, UUID memberId, UUID contactId) {
        return members.lockVisible(conn, caller, memberId, null).chain(member ->
                contacts.byMember(conn, List.of(memberId)).chain(byMember -> {
                    List<Contact> current = byMember.getOrDefault(memberId, List.of());
                    Contact erased = current.stream().filter(c -> c.id().equals(contactId)).findFirst()
                            .orElseThrow(() -> ProblemException.notFound("contact " + contactId));
                    MemberView before = MemberView.of(member);
                    member.version++;
                    member.updatedAt = now();
                    return scrubContacts(conn, memberId, List.of(contactId))
                            .chain(() -> memberStore.update(conn, List.of(member)))
                            .chain(() -> ledger.record(conn, caller.actor(), List.of(MemberChange.updated(member, before,
                                    List.of("contacts"))), List.of(new ContactChange(ContactChange.Type.ERASED, erased, null))));
                }));
    }

    /** Erases an artist member (a natural person) and all its contacts; a company is not a person: 409. */
    public Uni<Void> eraseMember(SqlConnection conn, Caller caller, UUID memberId) {
        return members.lockVisible(conn, caller, memberId, null).chain(member -> {
            if (member.kind != MemberKind.ARTIST) {
                throw ProblemException.conflict("only an ARTIST member is a natural person whose data is erased as a "
                        + "whole; erase a company's contact persons one by one");
            }
            if (member.erasedAt != null) {
                return Uni.createFrom().voidItem();
            }
            // the records merged into this one are the same person's: erased with it (a MERGED one has no contacts)
            return conn.preparedQuery("select " + MEMBER_COLUMNS + " from member where id in (" + MERGED_CHAIN
                            + ") and id <> $1 and erased_at is null order by id for update")
                    .execute(Tuple.of(memberId)).map(MemberStore::members)
                    .chain(merged -> contacts.byMember(conn, List.of(memberId)).chain(byMember -> {
                List<Contact> all = byMember.getOrDefault(memberId, List.of());
                List<Member> people = new ArrayList<>(merged.size() + 1);
                people.add(member);
                people.addAll(merged);
                List<MemberChange> changes = new ArrayList<>(people.size());
                Instant at = now();
                for (Member m : people) {
                    MemberView before = MemberView.of(m);
                    m.legalName = ERASED;
                    m.displayName = ERASED;
                    m.website = null;
                    m.vatNumber = null;
                    m.erasedAt = at;
                    m.updatedAt = at;
                    m.version++;
                    changes.add(MemberChange.erased(m, before));
                }
                UUID[] ids = people.stream().map(m -> m.id).toArray(UUID[]::new);
                String[] texts = people.stream().map(m -> m.id.toString()).toArray(String[]::new);
                List<ContactChange> erasedContacts = new ArrayList<>();
                all.forEach(c -> erasedContacts.add(new ContactChange(ContactChange.Type.ERASED, c, null)));
                return scrubContacts(conn, memberId, all.stream().map(Contact::id).toList())
                        // every journal entry of the person says only what happened; its events go, published or not
                        // (those not yet published carry the name too): the erasure event follows
                        .chain(() -> conn.preparedQuery("update member_journal set changes = " + SCRUBBED_ENTRIES
                                        .formatted("true") + ", events = null, event_count = null where member_id = any($1)")
                                .execute(Tuple.of(ids)))
                        .chain(() -> conn.preparedQuery("delete from outbox_event where aggregate_id = any($1)")
                                .execute(Tuple.of((Object) texts)))
                        // the association's key for a person is personal data too
                        .chain(() -> conn.preparedQuery("delete from member_external_ref where member_id = any($1)")
                                .execute(Tuple.of(ids)))
                        // when a person's membership fell due is theirs too
                        .chain(() -> conn.preparedQuery("delete from renewal_reminder where member_id = any($1)")
                                .execute(Tuple.of(ids)))
                        .chain(() -> conn.preparedQuery("update sync_run set result = jsonb_set(result::jsonb, '{results}', "
                                        + "(select jsonb_agg(case when r ->> 'memberId' = any($1) then r - 'externalId' "
                                        + "else r end) from jsonb_array_elements(result::jsonb -> 'results') r))::json "
                                        + "where exists (select 1 from unnest($1::text[]) id where result::text like "
                                        + "'%' || id || '%')")
                                .execute(Tuple.of((Object) texts)))
                        .chain(() -> forgetStoredResponses(conn, texts))
                        .chain(() -> memberStore.update(conn, people))
                        .chain(() -> ledger.record(conn, caller.actor(), changes, erasedContacts));
            }));
        });
    }

    /** Deletes the contacts and every trace of their personal data in history, feed and published outbox rows. */
    private Uni<Void> scrubContacts(SqlConnection conn, UUID memberId, List<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] texts = contactIds.stream().map(UUID::toString).toArray(String[]::new);
        return contacts.delete(conn, contactIds)
                // the contacts' journal entries say only what happened, and their events go, published or not; the
                // member's own entries and events stay as they were (json keeps their text)
                .chain(() -> conn.preparedQuery("update member_journal set changes = "
                        + SCRUBBED_ENTRIES.formatted("e ->> 'subjectId' = any($2)") + ", "
                        + "events = (select json_agg(e order by n)::text " + KEPT_EVENTS + "), "
                        + "event_count = (select count(*) " + KEPT_EVENTS + ") "
                        + "where member_id in (" + MERGED_CHAIN + ") and exists (select 1 from "
                        + "json_array_elements(changes::json) e where e ->> 'subjectId' = any($2))")
                        .execute(Tuple.of(memberId, texts)))
                .chain(() -> conn.preparedQuery("delete from outbox_event where aggregate_id in (select id::text from ("
                        + MERGED_CHAIN + ") c(id)) and topic = 'membership.contacts.v1' "
                        + "and payload::jsonb ->> 'contactId' = any($2)")
                        .execute(Tuple.of(memberId, texts)))
                .chain(() -> forgetStoredResponses(conn, texts))
                // the digest of the last synced record was computed over the contacts' data too
                .chain(() -> conn.preparedQuery("update member_external_ref set synced_fingerprint = null, "
                        + "synced_version = null where member_id = $1").execute(Tuple.of(memberId)))
                .replaceWithVoid();
    }

    /**
     * The member $1 and every member merged into it, directly or through another merge: a contact moved by a merge has
     * its earlier history in the journal rows of the member it came from.
     */
    static final String MERGED_CHAIN = "with recursive merged(id) as (select $1::uuid union "
            + "select m.id from member m join merged on m.merged_into = merged.id) select id from merged";

    /** A journal row's history entries, those matching the condition on {@code e} reduced to the fact of the erasure. */
    private static final String SCRUBBED_ENTRIES = "(select json_agg(case when %s then json_build_object('subject', "
            + "e -> 'subject', 'subjectId', e -> 'subjectId', 'action', e -> 'action', 'changes', "
            + "json_build_object('erased', true)) else e end order by n) "
            + "from json_array_elements(changes::json) with ordinality x(e, n))::text";

    /**
     * Idempotent replays kept for a retry (a registration's answer, a sync's results, a contact's) that name these
     * members or contacts hold their data too: they go. A retry with such a key after the erasure runs again.
     */
    private static Uni<Void> forgetStoredResponses(SqlConnection conn, String... ids) {
        return conn.preparedQuery("delete from idempotency_key k where exists (select 1 from unnest($1::text[]) id "
                        + "where k.body like '%' || id || '%' or k.location like '%' || id || '%')")
                .execute(Tuple.of((Object) ids)).replaceWithVoid();
    }

    /** A journal row's events but those about the contacts {@code $2}. */
    private static final String KEPT_EVENTS = "from json_array_elements(events::json) with ordinality x(e, n) "
            + "where not coalesce(e -> 'data' ->> 'contactId' = any($2), false)";

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, Object> entry(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static <T> List<T> list(io.vertx.mutiny.sqlclient.RowSet<Row> rows, java.util.function.Function<Row, T> map) {
        List<T> out = new ArrayList<>();
        rows.forEach(r -> out.add(map.apply(r)));
        return out;
    }
}
