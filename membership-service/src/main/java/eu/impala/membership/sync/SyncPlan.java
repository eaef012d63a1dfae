package eu.impala.membership.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.membership.contact.Contact;
import eu.impala.membership.contact.ContactChange;
import eu.impala.membership.member.Member;
import eu.impala.membership.member.MemberChange;
import eu.impala.membership.member.MemberProfile;
import eu.impala.membership.member.MemberView;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.MembershipStatus;
import eu.impala.membership.member.Standing;

/**
 * The diff between an association's list and what we hold: pure computation, no I/O, so a dry run and a real
 * run see exactly the same result. Unchanged records produce nothing to write.
 */
public final class SyncPlan {

    /** A member we already hold under the association's key, with its contacts. */
    public record Existing(String externalId, Member member, List<Contact> contacts) {
    }

    /** What a record's reference remembers once this run is applied: the record's digest and the member's version. */
    public record Synced(String externalId, UUID memberId, byte[] fingerprint, long version) {
    }

    /**
     * What we hold for a batch, read under the association's write guard.
     *
     * @param references the batch's keys sorted by their references; the members of {@code confirmed} are unchanged
     *                   without comparing, so they are neither loaded nor in {@code existing}
     * @param existing   the members of {@code references.toCompare()}, with their contacts
     * @param active     the association's ACTIVE members, for a snapshot (without contacts)
     * @param arrivals   members that came to the association by a move or are named by a record's memberId
     */
    public record Held(SyncReferences references, Map<String, Existing> existing, List<Existing> active,
                       Arrivals arrivals) {

        public Held(SyncReferences references, Map<String, Existing> existing, List<Existing> active) {
            this(references, existing, active, Arrivals.NONE);
        }

        public Held with(Arrivals found) {
            return new Held(references, existing, active, found);
        }
    }

    public final List<SyncOutcome> outcomes = new ArrayList<>();
    public final List<Member> inserts = new ArrayList<>();
    /** References of the members created. */
    public final List<Synced> newRefs = new ArrayList<>();
    /** References whose digest or version changes: records updated, or found unchanged by comparing them. */
    public final List<Synced> syncedRefs = new ArrayList<>();
    public final List<Member> updates = new ArrayList<>();
    public final List<MemberChange> memberChanges = new ArrayList<>();
    public final List<Contact> contactInserts = new ArrayList<>();
    public final List<Contact> contactUpdates = new ArrayList<>();
    public final List<UUID> contactDeletes = new ArrayList<>();
    public final List<ContactChange> contactChanges = new ArrayList<>();
    /** ACTIVE members of the association that a snapshot would lapse; checked against the threshold. */
    public int lapsing;
    public int activeBefore;

    private final UUID association;
    /** Whether the secretariat runs this sync: it alone may decide a member's standing ({@link Standing}). */
    private final boolean secretariat;
    private final double maxLapseShare;
    private final Instant now;
    private final String source;

    private SyncPlan(UUID association, boolean secretariat, double maxLapseShare, Instant now) {
        this.association = association;
        this.secretariat = secretariat;
        this.maxLapseShare = maxLapseShare;
        this.now = now;
        this.source = "sync:" + association;
    }

    /**
     * @param secretariat   whether the secretariat runs it, rather than the association
     * @param batch         the batch, its records checked except the confirmed ones
     * @param maxLapseShare a snapshot lapsing more than this share of the association's ACTIVE members exceeds the
     *                      threshold
     */
    public static SyncPlan of(UUID association, boolean secretariat, SyncMode mode, double maxLapseShare,
                              SyncBatch batch, Held held, Instant now) {
        SyncPlan plan = new SyncPlan(association, secretariat, maxLapseShare, now);
        Set<UUID> adopted = new HashSet<>();
        Map<String, UUID> confirmed = held.references().confirmed();
        Set<String> present = new HashSet<>();
        Set<UUID> reached = new HashSet<>();
        for (SyncBatch.Entry entry : batch.entries()) {
            if (entry.externalId() != null) {
                present.add(entry.externalId());
            }
            if (!entry.valid()) {
                plan.reject(entry, entry.errors());
                continue;
            }
            // a member moved away by the secretariat: reported, never applied, never created again
            if (held.references().moved().contains(entry.externalId())) {
                plan.outcomes.add(new SyncOutcome(entry.index(), entry.row(), entry.externalId(), SyncOutcome.Result.MOVED,
                        null, List.of(), List.of(new Problem.FieldError("externalId",
                        "this member was moved to another association by the IMPALA secretariat; this association's "
                                + "reference to it is retired and the record was not applied"))));
                continue;
            }
            UUID same = confirmed.get(entry.externalId());
            Existing known = held.existing().get(entry.externalId());
            if (same == null && known == null) {
                // a key new to the association: a member to adopt, one it must not duplicate, or a new member
                Arrivals.Claim claim = held.arrivals().claim(entry.record(), field(entry, "memberId"), adopted);
                if (claim != null && claim.refusal() != null) {
                    plan.reject(entry, List.of(claim.refusal()));
                    continue;
                }
                if (claim != null) {
                    known = claim.adopted();
                    adopted.add(known.member().id);
                }
            } else if (entry.record() != null && entry.record().memberId() != null
                    && !entry.record().memberId().equals(same != null ? same : known.member().id)) {
                plan.reject(entry, List.of(new Problem.FieldError(field(entry, "memberId"),
                        "this association syncs another member under this externalId")));
                continue;
            }
            // two keys of the association reach one member once two of its members were merged: a batch applies one
            UUID target = same != null ? same : known != null ? known.member().id : null;
            if (target != null && !reached.add(target)) {
                plan.reject(entry, List.of(new Problem.FieldError("externalId", "another record of this sync reaches "
                        + "the same member (the association's two members were merged into one): send it once")));
                continue;
            }
            boolean isKnown = same != null || known != null;
            if (mode == SyncMode.CREATE_ONLY && isKnown || mode == SyncMode.UPDATE_ONLY && !isKnown) {
                plan.outcomes.add(new SyncOutcome(entry.index(), entry.row(), entry.externalId(), SyncOutcome.Result.SKIPPED,
                        same != null ? same : known != null ? known.member().id : null, List.of(), List.of()));
                continue;
            }
            if (same != null) {
                plan.outcomes.add(new SyncOutcome(entry.index(), entry.row(), entry.externalId(),
                        SyncOutcome.Result.UNCHANGED, same, List.of(), List.of()));
                continue;
            }
            if (known == null) {
                plan.create(entry);
            } else {
                plan.update(entry, known);
            }
        }
        // a member the association reaches under two keys (two of its members were merged) is one member, listed
        // when either key is
        Set<UUID> listed = new HashSet<>(adopted);
        Map<UUID, Existing> active = new java.util.LinkedHashMap<>();
        for (Existing e : held.active()) {
            active.putIfAbsent(e.member().id, e);
            if (e.externalId() != null && present.contains(e.externalId())) {
                listed.add(e.member().id);
            }
        }
        plan.activeBefore = active.size();
        if (mode == SyncMode.SNAPSHOT) {
            for (Existing absent : active.values()) {
                // a member adopted by this very snapshot is listed, under the key it has only from now on
                if (!listed.contains(absent.member().id)) {
                    plan.lapse(absent);
                }
            }
        }
        return plan;
    }

    /** Whether a snapshot would lapse more than the allowed share of the association's ACTIVE members. */
    public boolean thresholdExceeded() {
        return activeBefore > 0 && lapsing > maxLapseShare * activeBefore;
    }

    /** A snapshot past the threshold is refused unless forced: a list cut short must not lapse the rest. */
    public void requireWithinThreshold(boolean force) {
        if (thresholdExceeded() && !force) {
            throw new ProblemException(409, "snapshot-threshold", "Conflict", String.format(
                    "this snapshot would lapse %d of the association's %d ACTIVE members (%.1f%%), more than "
                            + "the %.0f%% allowed; check the list, or send force=true if that is intended",
                    lapsing, activeBefore, 100.0 * lapsing / activeBefore, 100 * maxLapseShare));
        }
    }

    private void create(SyncBatch.Entry entry) {
        SyncRecord r = entry.record();
        MemberProfile profile = profile(r, null);
        if (!mayDecide(entry, null, profile)) {
            return;
        }
        Member member = Member.register(UUID.randomUUID(), profile, now);
        // an association's list is authoritative for who its members are: they join as ACTIVE
        member.status = MembershipStatus.ACTIVE;
        if (member.joinedOn == null) {
            member.joinedOn = LocalDate.ofInstant(now, ZoneOffset.UTC);
        }
        inserts.add(member);
        newRefs.add(new Synced(r.externalId(), member.id, entry.fingerprint(), member.version));
        ContactDiff contacts = ContactDiff.of(r, member.id, List.of(), source, now);
        contactInserts.addAll(contacts.inserts);
        contactChanges.addAll(contacts.changes);
        memberChanges.add(MemberChange.created(member));
        outcomes.add(new SyncOutcome(entry.index(), entry.row(), r.externalId(), SyncOutcome.Result.CREATED, member.id,
                List.of(), List.of()));
    }

    private void update(SyncBatch.Entry entry, Existing known) {
        SyncRecord r = entry.record();
        Member member = known.member();
        MemberProfile next = profile(r, member);
        if (!mayDecide(entry, member, next)) {
            return;
        }
        MemberView before = MemberView.of(member);
        List<String> changed = new ArrayList<>(next.changedFrom(member.profile()));

        ContactDiff contacts = ContactDiff.of(r, member.id, known.contacts(), source, now);
        if (!contacts.changes.isEmpty()) {
            changed.add("contacts");
        }
        boolean renewed = member.status == MembershipStatus.LAPSED;
        if (changed.isEmpty() && !renewed) {
            outcomes.add(new SyncOutcome(entry.index(), entry.row(), r.externalId(), SyncOutcome.Result.UNCHANGED,
                    member.id, List.of(), List.of()));
            syncedRefs.add(new Synced(r.externalId(), member.id, entry.fingerprint(), member.version));
            return;
        }
        member.apply(next, now);
        member.version++;
        if (!changed.isEmpty()) {
            memberChanges.add(MemberChange.updated(member, before, changed));
        }
        if (renewed) {
            // listed again by its association: the membership is renewed
            MemberView lapsed = MemberView.of(member);
            member.transitionTo(MembershipStatus.ACTIVE, now);
            member.version--; // one version per record, however many things changed
            memberChanges.add(MemberChange.statusChanged(member, lapsed, "listed again by its association: renewed"));
            changed.add("status");
        }
        updates.add(member);
        syncedRefs.add(new Synced(r.externalId(), member.id, entry.fingerprint(), member.version));
        contactInserts.addAll(contacts.inserts);
        contactUpdates.addAll(contacts.updates);
        contactDeletes.addAll(contacts.deletes);
        contactChanges.addAll(contacts.changes);
        outcomes.add(new SyncOutcome(entry.index(), entry.row(), r.externalId(), SyncOutcome.Result.UPDATED, member.id,
                changed, List.of()));
    }

    private void lapse(Existing absent) {
        Member member = absent.member();
        MemberView before = MemberView.of(member);
        member.transitionTo(MembershipStatus.LAPSED, now);
        updates.add(member);
        memberChanges.add(MemberChange.statusChanged(member, before, "absent from the association's snapshot"));
        lapsing++;
        outcomes.add(new SyncOutcome(null, null, absent.externalId(), SyncOutcome.Result.LAPSED, member.id,
                List.of("status"), List.of()));
    }

    /**
     * A record without category keeps the member's (REPRESENTED for a new one), so that a routine list never undoes
     * what the secretariat decided; one without joinedOn keeps the date we recorded when the member joined.
     */
    private MemberProfile profile(SyncRecord r, Member known) {
        MembershipCategory category = r.category() != null ? r.category()
                : known != null ? known.category : MembershipCategory.REPRESENTED;
        return r.toProfile(category, association, r.joinedOn() != null ? r.joinedOn()
                : known != null ? known.joinedOn : null);
    }

    /** Whether the association may make this change; if not, the record is rejected naming what it may not decide. */
    private boolean mayDecide(SyncBatch.Entry entry, Member known, MemberProfile next) {
        if (secretariat) {
            return true;
        }
        List<Problem.FieldError> reserved = Standing.reservedChanges(association, known == null ? null : known.id,
                known == null ? null : known.profile(), next);
        if (reserved.isEmpty()) {
            return true;
        }
        reject(entry, reserved.stream().map(e -> new Problem.FieldError(field(entry, e.field()), e.message())).toList());
        return false;
    }

    private void reject(SyncBatch.Entry entry, List<Problem.FieldError> errors) {
        outcomes.add(SyncOutcome.rejected(entry.index(), entry.row(), entry.externalId(), errors));
    }

    /** A field of a record, named as the record's own problems name it. */
    private static String field(SyncBatch.Entry entry, String name) {
        return entry.row() != null ? "row " + entry.row() + ": " + name : "records[" + entry.index() + "]." + name;
    }

    /** Counts per result, for the run's summary. */
    public Map<String, Integer> summary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SyncOutcome.Result result : SyncOutcome.Result.values()) {
            counts.put(result.json(), 0);
        }
        outcomes.forEach(o -> counts.merge(o.result().json(), 1, Integer::sum));
        counts.put("total", outcomes.size());
        return counts;
    }
}
