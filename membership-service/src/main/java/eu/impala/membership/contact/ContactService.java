package eu.impala.membership.contact;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.http.Versions;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberAccess;
import eu.impala.membership.member.MemberChange;
import eu.impala.membership.member.MemberLedger;
import eu.impala.membership.member.MemberService;
import eu.impala.membership.member.MemberStore;
import eu.impala.membership.member.MemberView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Adding, changing and removing a member's contacts. A contact change is a change of its member too (new
 * version, history, delta feed), with the contact's own history and events beside it.
 */
@ApplicationScoped
public class ContactService {

    private final MemberService members;
    private final MemberStore memberStore;
    private final ContactStore contacts;
    private final MemberLedger ledger;

    public ContactService(MemberService members, MemberStore memberStore, ContactStore contacts, MemberLedger ledger) {
        this.members = members;
        this.memberStore = memberStore;
        this.contacts = contacts;
        this.ledger = ledger;
    }

    public Uni<List<Contact>> list(SqlConnection conn, Caller caller, UUID memberId) {
        return members.lockVisible(conn, caller, memberId, null)
                .chain(m -> contacts.byMember(conn, List.of(memberId)))
                .map(byMember -> byMember.getOrDefault(memberId, List.of()));
    }

    public Uni<Contact> add(SqlConnection conn, Caller caller, UUID memberId, ContactRequest request) {
        Instant now = now();
        return editable(conn, caller, memberId).chain(state -> {
            ContactData data = data(request, Map.of(), caller, now);
            requireConsistent(state.contacts(), data, null);
            Contact contact = new Contact(UUID.randomUUID(), memberId, data, 1, now, now);
            return contacts.insert(conn, List.of(contact))
                    .chain(() -> touch(conn, caller, state.member(), new ContactChange(ContactChange.Type.ADDED, contact, null)))
                    .replaceWith(contact);
        });
    }

    public Uni<Contact> replace(SqlConnection conn, Caller caller, UUID memberId, UUID contactId, long expected,
                                ContactRequest request) {
        Instant now = now();
        return editable(conn, caller, memberId).chain(state -> {
            Contact current = find(state.contacts(), contactId);
            Versions.check(expected, current.version());
            ContactData data = data(request, current.data().consents(), caller, now);
            requireConsistent(state.contacts(), data, contactId);
            if (data.changedFrom(current.data()).isEmpty()) {
                return Uni.createFrom().item(current);
            }
            Contact next = current.withData(data, now);
            return contacts.update(conn, List.of(next))
                    .chain(() -> touch(conn, caller, state.member(),
                            new ContactChange(ContactChange.Type.UPDATED, next, current.data())))
                    .replaceWith(next);
        });
    }

    public Uni<Void> remove(SqlConnection conn, Caller caller, UUID memberId, UUID contactId, long expected) {
        return editable(conn, caller, memberId).chain(state -> {
            Contact current = find(state.contacts(), contactId);
            Versions.check(expected, current.version());
            return contacts.delete(conn, List.of(contactId))
                    .chain(() -> touch(conn, caller, state.member(),
                            new ContactChange(ContactChange.Type.REMOVED, current, current.data())));
        });
    }

    private record State(Member member, List<Contact> contacts) {
    }

    private Uni<State> editable(SqlConnection conn, Caller caller, UUID memberId) {
        return members.lockWritable(conn, caller, memberId, null).chain(member -> {
            MemberAccess.requireMayEdit(caller, member);
            return contacts.byMember(conn, List.of(memberId))
                    .map(byMember -> new State(member, byMember.getOrDefault(memberId, List.of())));
        });
    }

    /** The member gets a new version, and its history and its association's feed a "contacts" change. */
    private Uni<Void> touch(SqlConnection conn, Caller caller, Member member, ContactChange change) {
        MemberView before = MemberView.of(member);
        member.version++;
        member.updatedAt = change.after().updatedAt();
        return memberStore.update(conn, List.of(member))
                .chain(() -> ledger.record(conn, caller.actor(), List.of(MemberChange.updated(member, before,
                        List.of("contacts"))), List.of(change)));
    }

    /** One primary contact per member, one contact per email. */
    private static void requireConsistent(List<Contact> existing, ContactData data, UUID except) {
        for (Contact c : existing) {
            if (c.id().equals(except)) {
                continue;
            }
            if (c.data().key().equals(data.key())) {
                throw ProblemException.conflict("this member already has a contact with email " + data.email());
            }
            if (data.role() == ContactRole.PRIMARY && c.data().role() == ContactRole.PRIMARY) {
                throw ProblemException.conflict("this member already has a primary contact (" + c.id()
                        + "); change that one's role first");
            }
        }
    }

    private static Contact find(List<Contact> contacts, UUID contactId) {
        return contacts.stream().filter(c -> c.id().equals(contactId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("contact " + contactId));
    }

    /** Consents keep their time and source while their answer stays the same. */
    private static ContactData data(ContactRequest r, Map<String, Consent> previous, Caller caller, Instant now) {
        Map<String, Consent> consents = new HashMap<>();
        if (r.consents() != null) {
            r.consents().forEach((purpose, granted) -> {
                boolean answer = Boolean.TRUE.equals(granted);
                Consent old = previous.get(purpose);
                consents.put(purpose, old != null && old.granted() == answer ? old : new Consent(answer, now, "api:" + caller.actor()));
            });
        }
        return new ContactData(r.name().strip(), r.email().strip(), r.phone(), r.role(), r.language(), consents);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
