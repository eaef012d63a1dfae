package eu.impala.membership.member;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.http.Versions;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.contact.Consent;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactChange;
import eu.impala.membership.contact.ContactData;
import eu.impala.membership.contact.ContactRole;
import eu.impala.membership.contact.ContactStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Merges a member registered twice into the record that stays (the survivor), in one transaction: the duplicate's
 * external references and contacts move to the survivor, both histories record the merge, and the duplicate ends
 * MERGED, naming the survivor, so that every id anyone kept still leads somewhere. The secretariat's alone.
 */
@ApplicationScoped
public class MemberMerge {

    private final MemberStore store;
    private final MemberLedger ledger;
    private final ContactStore contacts;

    public MemberMerge(MemberStore store, MemberLedger ledger, ContactStore contacts) {
        this.store = store;
        this.ledger = ledger;
        this.contacts = contacts;
    }

    /**
     * Merges {@code duplicateId} into {@code survivorId}, each at the version the caller read (412 otherwise).
     *
     * @return the survivor as it is now
     */
    public Uni<Member> merge(SqlConnection conn, Caller caller, UUID survivorId, long survivorVersion,
                             MergeRequest request) {
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("only the IMPALA secretariat merges members");
        }
        UUID duplicateId = request.duplicateId();
        if (duplicateId.equals(survivorId)) {
            throw unprocessable("a member cannot be merged into itself", "duplicateId");
        }
        if (request.duplicateVersion() == null) {
            throw new ProblemException(428, "precondition-required", "Precondition Required", "send the duplicate's "
                    + "ETag as duplicateVersion (and the survivor's in If-Match), so that neither is merged after a "
                    + "change you have not seen");
        }
        return MemberStore.find(conn, survivorId).chain(survivor -> MemberStore.find(conn, duplicateId)
                .chain(duplicate -> {
                    if (survivor == null) {
                        throw ProblemException.notFound("member " + survivorId);
                    }
                    if (duplicate == null) {
                        throw ProblemException.notFound("member " + duplicateId);
                    }
                    // guards before rows, and rows in id order, as every writer takes them: a concurrent sync of
                    // either association, or a merge of the same pair the other way round, waits instead of deadlocking
                    List<UUID> associations = new ArrayList<>();
                    associations.add(survivor.representedBy);
                    associations.add(duplicate.representedBy);
                    return ledger.shareAssociations(conn, associations)
                            .chain(() -> store.lock(conn, List.of(survivorId, duplicateId)))
                            .chain(locked -> {
                                Member s = locked.get(0).id.equals(survivorId) ? locked.get(0) : locked.get(1);
                                Member d = locked.get(0).id.equals(duplicateId) ? locked.get(0) : locked.get(1);
                                if (!Objects.equals(s.representedBy, survivor.representedBy)
                                        || !Objects.equals(d.representedBy, duplicate.representedBy)) {
                                    throw ProblemException.conflict("a member changed association meanwhile; retry");
                                }
                                return merge(conn, caller, s, survivorVersion, d, request);
                            });
                }));
    }

    private Uni<Member> merge(SqlConnection conn, Caller caller, Member survivor, long survivorVersion, Member duplicate,
                              MergeRequest request) {
        requireMergeable(survivor, "survivor");
        requireMergeable(duplicate, "duplicate");
        Versions.check(survivorVersion, survivor.version);
        Versions.check(request.duplicateVersion(), duplicate.version);
        requireCompatible(survivor, duplicate);
        Instant now = MemberService.now();
        return contacts.byMember(conn, List.of(survivor.id, duplicate.id)).chain(byMember -> {
            ContactMoves moves = ContactMoves.of(byMember.getOrDefault(survivor.id, List.of()),
                    byMember.getOrDefault(duplicate.id, List.of()), survivor.id, now);
            MemberView survivorBefore = MemberView.of(survivor);
            MemberView duplicateBefore = MemberView.of(duplicate);
            survivor.updatedAt = now;
            survivor.version++;
            duplicate.status = MembershipStatus.MERGED;
            duplicate.mergedInto = survivor.id;
            duplicate.updatedAt = now;
            duplicate.version++;
            String reason = request.reasonOrDefault();
            List<MemberChange> changes = List.of(
                    MemberChange.mergedInto(survivor, survivorBefore, duplicate.id, reason + " (merged " + duplicate.id
                            + " into this member)"),
                    MemberChange.mergedAway(duplicate, duplicateBefore, reason + " (merged into " + survivor.id + ")"));
            return contacts.delete(conn, moves.dropped)
                    .chain(() -> contacts.update(conn, moves.restricted))
                    .chain(() -> moveContacts(conn, moves, survivor.id, now))
                    .chain(() -> moveReferences(conn, duplicate.id, survivor.id, survivor.representedBy, now))
                    .chain(() -> store.update(conn, List.of(survivor, duplicate)))
                    .chain(() -> ledger.record(conn, caller.actor(), changes, moves.changes))
                    .replaceWith(survivor);
        });
    }

    private static void requireMergeable(Member m, String which) {
        if (m.erasedAt != null) {
            throw ProblemException.conflict("the " + which + " " + m.id + " was erased: there is nothing to merge");
        }
        if (m.status == MembershipStatus.MERGED) {
            throw ProblemException.conflict("the " + which + " " + m.id + " was merged into " + m.mergedInto
                    + " already" + ("survivor".equals(which) ? "; merge into that member instead" : ""));
        }
    }

    /**
     * Only two records of the same kind of member are one member, and a national association is never merged: its id
     * is in its staff's and systems' tokens and in every member it represents.
     */
    private static void requireCompatible(Member survivor, Member duplicate) {
        if (survivor.kind == MemberKind.NATIONAL_ASSOCIATION || duplicate.kind == MemberKind.NATIONAL_ASSOCIATION) {
            throw unprocessable("a national association is never merged, nor merged into", "duplicateId");
        }
        if (survivor.kind != duplicate.kind) {
            throw unprocessable("a " + duplicate.kind + " cannot be merged into a " + survivor.kind
                    + ": only two records of the same kind of member are one member", "duplicateId");
        }
    }

    private static ProblemException unprocessable(String detail, String field) {
        return new ProblemException(422, "merge-refused", "Unprocessable Content", detail,
                List.of(new Problem.FieldError(field, detail)));
    }

    /** The duplicate's contacts that stay: one statement gives them the survivor, demoting a second primary. */
    private static Uni<Void> moveContacts(SqlConnection conn, ContactMoves moves, UUID survivor, Instant now) {
        if (moves.moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update contact set member_id = $1, role = case when id = any($3) then 'OTHER' "
                        + "else role end, version = version + 1, updated_at = $4 where id = any($2)")
                .execute(Tuple.of(survivor, moves.moved.toArray(UUID[]::new), moves.demoted.toArray(UUID[]::new),
                        now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * The duplicate's external references now reach the survivor, so that an association's next sync under either key
     * updates it. Those of an association that does not represent the survivor are retired, as a move retires them
     * (its sync reports the record moved); the survivor's association's reach it. Their digests are forgotten: the
     * next sync compares the record with the survivor.
     */
    private static Uni<Void> moveReferences(SqlConnection conn, UUID duplicate, UUID survivor, UUID association,
                                            Instant now) {
        return conn.preparedQuery("update member_external_ref set member_id = $2, "
                        + "retired_at = case when association_id = $3 then null else coalesce(retired_at, $4) end, "
                        + "moved_to = case when association_id = $3 then null else $3 end, "
                        + "synced_fingerprint = null, synced_version = null where member_id = $1")
                .execute(Tuple.of(duplicate, survivor, association, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * What becomes of the duplicate's contacts: one whose email (any case) the survivor has already is the same person
     * and is dropped, and the survivor's contact takes the more restrictive answer per consent (see
     * {@link #restrictive}), so that a withdrawal recorded on either record stands; when that changes it, it is updated
     * (version + 1, a contact-updated change). The others move, and the duplicate's primary contact becomes OTHER when
     * the survivor has a primary one.
     */
    static final class ContactMoves {
        final List<UUID> dropped = new ArrayList<>();
        final List<UUID> moved = new ArrayList<>();
        final List<UUID> demoted = new ArrayList<>();
        /** The survivor's contacts whose consents a dropped duplicate restricted, as they are now. */
        final List<Contact> restricted = new ArrayList<>();
        final List<ContactChange> changes = new ArrayList<>();

        static ContactMoves of(List<Contact> survivors, List<Contact> duplicates, UUID survivor, Instant now) {
            ContactMoves moves = new ContactMoves();
            Set<String> emails = new HashSet<>();
            Map<String, Contact> survivorsByEmail = new LinkedHashMap<>();
            boolean hasPrimary = false;
            for (Contact c : survivors) {
                emails.add(c.data().key());
                survivorsByEmail.put(c.data().key(), c);
                hasPrimary |= c.data().role() == ContactRole.PRIMARY;
            }
            for (Contact c : duplicates) {
                if (!emails.add(c.data().key())) {
                    moves.dropped.add(c.id());
                    moves.changes.add(new ContactChange(ContactChange.Type.REMOVED, c, c.data()));
                    Contact same = survivorsByEmail.get(c.data().key());
                    if (same != null) {
                        Map<String, Consent> consents = restrictive(same.data().consents(), c.data().consents());
                        if (!consents.equals(same.data().consents())) {
                            ContactData d = same.data();
                            survivorsByEmail.put(d.key(), same.withData(new ContactData(d.name(), d.email(), d.phone(),
                                    d.role(), d.language(), consents), now));
                        }
                    }
                    continue;
                }
                ContactData data = c.data();
                if (hasPrimary && data.role() == ContactRole.PRIMARY) {
                    data = new ContactData(data.name(), data.email(), data.phone(), ContactRole.OTHER, data.language(),
                            data.consents());
                    moves.demoted.add(c.id());
                }
                moves.moved.add(c.id());
                moves.changes.add(new ContactChange(ContactChange.Type.UPDATED,
                        new Contact(c.id(), survivor, data, c.version() + 1, c.createdAt(), now), c.data()));
            }
            for (Contact before : survivors) {
                Contact after = survivorsByEmail.get(before.data().key());
                if (after != before) {
                    moves.restricted.add(after);
                    moves.changes.add(new ContactChange(ContactChange.Type.UPDATED, after, before.data()));
                }
            }
            return moves;
        }

        /**
         * The survivor's consents after taking in the same person's duplicate record: a purpose counts as granted only
         * if granted on both where the duplicate answered. A withdrawal on the duplicate replaces the survivor's grant
         * (its time and source with it); when both withdrew, the more recent withdrawal's record stays; a grant only on
         * the duplicate is not added; a purpose the duplicate did not answer keeps the survivor's answer.
         */
        static Map<String, Consent> restrictive(Map<String, Consent> survivor, Map<String, Consent> duplicate) {
            Map<String, Consent> out = new TreeMap<>(survivor);
            duplicate.forEach((purpose, d) -> {
                if (d.granted()) {
                    return;
                }
                Consent s = out.get(purpose);
                if (s == null || s.granted() || isLater(d.at(), s.at())) {
                    out.put(purpose, d);
                }
            });
            return out;
        }

        private static boolean isLater(Instant a, Instant b) {
            return a != null && (b == null || a.isAfter(b));
        }
    }
}
