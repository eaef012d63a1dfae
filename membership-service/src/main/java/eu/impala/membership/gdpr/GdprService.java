package eu.impala.membership.gdpr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * their history, the delta feed, published outbox rows and stored responses — and publishes an erasure event
 * so the other services do the same.
 */
@ApplicationScoped
public class GdprService {

    static final String ERASED = "(erased)";

    private final MemberService members;
    private final MemberStore memberStore;
    private final ContactStore contacts;
    private final MemberLedger ledger;
    private final ObjectMapper json;

    public GdprService(MemberService members, MemberStore memberStore, ContactStore contacts, MemberLedger ledger,
                       ObjectMapper json) {
        this.members = members;
        this.memberStore = memberStore;
        this.contacts = contacts;
        this.ledger = ledger;
        this.json = json;
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
                .chain(() -> conn.preparedQuery("select at, actor, subject, subject_id, action, reason, changes::text "
                        + "from member_history where member_id = $1 order by id").execute(Tuple.of(memberId)))
                .invoke(rows -> out.put("history", list(rows, r -> entry("at", r.getOffsetDateTime(0), "actor",
                        r.getString(1), "subject", r.getString(2), "subjectId", r.getUUID(3), "action", r.getString(4),
                        "reason", r.getString(5), "changes", tree(r.getString(6))))))
                .chain(() -> conn.preparedQuery("select seq, association_id, change, at from member_change "
                        + "where member_id = $1 order by seq").execute(Tuple.of(memberId)))
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
                    List<Contact> remaining = current.stream().filter(c -> !c.id().equals(contactId)).toList();
                    MemberView before = MemberView.of(member);
                    member.version++;
                    member.updatedAt = now();
                    return scrubContacts(conn, memberId, List.of(contactId))
                            .chain(() -> memberStore.update(conn, List.of(member)))
                            .chain(() -> ledger.record(conn, caller.actor(), List.of(MemberChange.updated(member, before,
                                    List.of("contacts")).withContacts(remaining.stream().map(ContactView::of).toList()))))
                            .chain(() -> ledger.recordContacts(conn, caller.actor(),
                                    List.of(new ContactChange(ContactChange.Type.ERASED, erased, null))));
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
            return contacts.byMember(conn, List.of(memberId)).chain(byMember -> {
                List<Contact> all = byMember.getOrDefault(memberId, List.of());
                MemberView before = MemberView.of(member);
                member.legalName = ERASED;
                member.displayName = ERASED;
                member.website = null;
                member.vatNumber = null;
                member.erasedAt = now();
                member.updatedAt = member.erasedAt;
                member.version++;
                List<ContactChange> erasedContacts = new ArrayList<>();
                all.forEach(c -> erasedContacts.add(new ContactChange(ContactChange.Type.ERASED, c, null)));
                return scrubContacts(conn, memberId, all.stream().map(Contact::id).toList())
                        .chain(() -> conn.preparedQuery("update member_history set changes = '{\"erased\":true}' "
                                + "where member_id = $1 and subject = 'MEMBER'").execute(Tuple.of(memberId)))
                        .chain(() -> conn.preparedQuery("update member_change set member = json_build_object('id', member_id, "
                                + "'erased', true) where member_id = $1").execute(Tuple.of(memberId)))
                        // events not yet published carry the name too: they go, the erasure event follows
                        .chain(() -> conn.preparedQuery("delete from outbox_event where aggregate_id = $1")
                                .execute(Tuple.of(memberId.toString())))
                        // the association's key for a person is personal data too
                        .chain(() -> conn.preparedQuery("delete from member_external_ref where member_id = $1")
                                .execute(Tuple.of(memberId)))
                        .chain(() -> conn.preparedQuery("update sync_run set result = jsonb_set(result::jsonb, '{results}', "
                                        + "(select jsonb_agg(case when r ->> 'memberId' = $1 then r - 'externalId' else r end) "
                                        + "from jsonb_array_elements(result::jsonb -> 'results') r))::json "
                                        + "where result::text like '%' || $1 || '%'")
                                .execute(Tuple.of(memberId.toString())))
                        .chain(() -> memberStore.update(conn, List.of(member)))
                        .chain(() -> ledger.record(conn, caller.actor(), List.of(MemberChange.erased(member, before))))
                        .chain(() -> ledger.recordContacts(conn, caller.actor(), erasedContacts));
            });
        });
    }

    /** Deletes the contacts and every trace of their personal data in history, feed and published outbox rows. */
    private Uni<Void> scrubContacts(SqlConnection conn, UUID memberId, List<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = contactIds.toArray(new UUID[0]);
        String[] texts = contactIds.stream().map(UUID::toString).toArray(String[]::new);
        return contacts.delete(conn, contactIds)
                .chain(() -> conn.preparedQuery("update member_history set changes = '{\"erased\":true}' "
                        + "where member_id = $1 and subject_id = any($2)").execute(Tuple.of(memberId, ids)))
                .chain(() -> conn.preparedQuery("update member_change set member = (member::jsonb || jsonb_build_object("
                        + "'contacts', coalesce((select jsonb_agg(c) from jsonb_array_elements(member::jsonb -> 'contacts') c "
                        + "where not (c ->> 'id' = any($2))), '[]'::jsonb)))::json "
                        + "where member_id = $1 and (member::jsonb ? 'contacts')").execute(Tuple.of(memberId, texts)))
                .chain(() -> conn.preparedQuery("delete from outbox_event where aggregate_id = $1 "
                        + "and topic = 'membership.contacts.v1' and payload::jsonb ->> 'contactId' = any($2)")
                        .execute(Tuple.of(memberId.toString(), texts)))
                // the digest of the last synced record was computed over the contacts' data too
                .chain(() -> conn.preparedQuery("update member_external_ref set synced_fingerprint = null, "
                        + "synced_version = null where member_id = $1").execute(Tuple.of(memberId)))
                .replaceWithVoid();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
