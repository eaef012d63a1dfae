package eu.impala.membership.member;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.http.Versions;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.membership.duplicate.Duplicates;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The member write paths: each change, its history, its delta-feed entry and its event are one transaction,
 * on the caller's connection (see {@code Outbox.inTransaction}).
 */
@ApplicationScoped
public class MemberService {

    private final MemberStore store;
    private final MemberLedger ledger;
    private final NationalAssociations associations;
    private final Pool pool;
    private final Period period;
    private final Duplicates duplicates;

    public MemberService(MemberStore store, MemberLedger ledger, NationalAssociations associations, Pool pool,
                         RenewalCheck.Config renewal, Duplicates duplicates) {
        this.duplicates = duplicates;
        this.store = store;
        this.ledger = ledger;
        this.associations = associations;
        this.pool = pool;
        this.period = RenewalCheck.period(renewal);
    }

    /**
     * Registers a new member as APPLICANT. The answer carries a warning when the member looks like one of another
     * association or a direct member (see {@link Duplicates}); only the secretariat's names that member.
     */
    public Uni<MemberView> register(SqlConnection conn, Caller caller, MemberProfile profile) {
        return register(conn, caller, UUID.randomUUID(), profile);
    }

    /**
     * Registers a new member as APPLICANT under an id the secretariat chose: the id an identity provider's tokens
     * already carry (an association's association_id, a member staff's member_id). 412 when the id is taken, by a
     * member as it is or one erased.
     */
    public Uni<MemberView> registerAs(SqlConnection conn, Caller caller, UUID id, MemberProfile profile) {
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("only the IMPALA secretariat registers a member under an id it chooses");
        }
        return MemberStore.find(conn, id).chain(existing -> {
            if (existing != null) {
                throw exists(id);
            }
            return register(conn, caller, id, profile);
        }).onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "member_pkey".equals(pg.getConstraint())).transform(e -> exists(id));
    }

    /** Taken, found before the insert or, when two registrations of the id race, by the primary key. */
    private static ProblemException exists(UUID id) {
        return new ProblemException(412, "exists", "Precondition Failed", "member " + id + " exists already: "
                + "read it, and change it with If-Match");
    }

    private Uni<MemberView> register(SqlConnection conn, Caller caller, UUID id, MemberProfile profile) {
        MemberAccess.requireMayDecide(caller, null, profile);
        Member member = Member.register(id, profile, now());
        Duplicates.Keys keys = Duplicates.Keys.of(member.vatNumber, member.website, member.legalName, member.country);
        return ledger.shareAssociations(conn, java.util.Collections.singletonList(profile.representedBy()))
                .chain(() -> associations.requireRepresentable(conn, profile))
                // looked for before the insert, so that the member never matches itself
                .chain(() -> duplicates.warnings(conn, List.of(keys), member.representedBy, caller.isPlatformAdmin()))
                .chain(warnings -> store.insert(conn, List.of(member))
                        .chain(() -> ledger.record(conn, caller.actor(), List.of(MemberChange.created(member))))
                        .replaceWith(MemberView.registered(member, warnings.get(0))));
    }

    /**
     * Replaces a member's profile if {@code expectedVersion} is still current (else 412). A profile equal to
     * the stored one changes nothing: no new version, no history, no event.
     */
    public Uni<Member> update(SqlConnection conn, Caller caller, UUID id, long expectedVersion, MemberProfile profile) {
        return lockWritable(conn, caller, id, profile.representedBy()).chain(member -> {
            Versions.check(expectedVersion, member.version);
            MemberAccess.requireMayDecide(caller, member, profile);
            List<String> changed = profile.changedFrom(member.profile());
            if (changed.isEmpty()) {
                return Uni.createFrom().item(member);
            }
            // a member is moved only to an association that can take it; one already there stays, whatever its status
            boolean becomesAssociation = changed.contains("kind") && profile.kind() == MemberKind.NATIONAL_ASSOCIATION;
            Uni<Void> representable = changed.contains("representedBy") || becomesAssociation
                    ? associations.requireRepresentable(conn, profile) : Uni.createFrom().voidItem();
            MemberView before = MemberView.of(member);
            member.apply(profile, now());
            member.version++;
            // a move retires the references of the associations it leaves, so that their syncs never take it back
            Uni<Void> references = changed.contains("representedBy")
                    ? store.moveReferences(conn, member.id, member.representedBy, member.updatedAt)
                    : Uni.createFrom().voidItem();
            return representable.chain(() -> store.update(conn, List.of(member)))
                    .chain(() -> references)
                    .chain(() -> ledger.record(conn, caller.actor(), List.of(MemberChange.updated(member, before, changed))))
                    .replaceWith(member);
        });
    }

    /**
     * Moves a member through its lifecycle, recording who, when and why; 409 names the allowed moves. A move to
     * ACTIVE sets the renewal date {@link Renewal#onActivation} gives (the history shows it when it changes), so a
     * renewed member is never lapsed again for the date that lapsed it.
     */
    public Uni<Member> transition(SqlConnection conn, Caller caller, UUID id, Long expectedVersion,
                                  MembershipStatus next, String reason, LocalDate renewalDueOn) {
        Renewal.requireActivation(next, renewalDueOn);
        return lockVisible(conn, caller, id, null).chain(member -> {
            if (expectedVersion != null) {
                Versions.check(expectedVersion, member.version);
            }
            MemberView before = MemberView.of(member);
            Instant now = now();
            member.transitionTo(next, now);
            List<String> changed = new ArrayList<>(List.of("status"));
            if (next == MembershipStatus.ACTIVE) {
                LocalDate due = Renewal.onActivation(before.status(), member.renewalDueOn, renewalDueOn, period,
                        LocalDate.ofInstant(now, ZoneOffset.UTC));
                if (!java.util.Objects.equals(due, member.renewalDueOn)) {
                    member.renewalDueOn = due;
                    changed.add("renewalDueOn");
                }
            }
            return store.update(conn, List.of(member))
                    .chain(() -> ledger.record(conn, caller.actor(),
                            List.of(MemberChange.statusChanged(member, before, reason, changed))))
                    .replaceWith(member);
        });
    }

    /**
     * Reads the member (404 unless the caller may see it), takes its associations' write guards shared (no sync or
     * renewal check runs meanwhile; other single-member writers do), then locks the row itself — always in that
     * order, like a sync, so the two never deadlock.
     */
    public Uni<Member> lockVisible(SqlConnection conn, Caller caller, UUID id, UUID alsoAssociation) {
        return MemberStore.find(conn, id).map(m -> MemberAccess.visible(caller, m, id))
                .chain(member -> {
                    List<UUID> associations = new ArrayList<>();
                    associations.add(member.representedBy);
                    associations.add(alsoAssociation);
                    return ledger.shareAssociations(conn, associations)
                            .chain(() -> store.lock(conn, List.of(id)))
                            .map(locked -> {
                                Member current = locked.get(0);
                                if (!java.util.Objects.equals(current.representedBy, member.representedBy)) {
                                    throw ProblemException.conflict("member " + id + " changed association meanwhile; retry");
                                }
                                return current;
                            });
                });
    }

    /**
     * {@link #lockVisible}, for a change of the member or its contacts: a MERGED member is a 409 problem naming the
     * survivor, which holds what it had (its history, export and erasure stay open).
     */
    public Uni<Member> lockWritable(SqlConnection conn, Caller caller, UUID id, UUID alsoAssociation) {
        return lockVisible(conn, caller, id, alsoAssociation).invoke(member -> {
            if (member.status == MembershipStatus.MERGED) {
                throw new ProblemException(409, "merged", "Conflict", "member " + id + " was merged into member "
                        + member.mergedInto + ": change that member");
            }
        });
    }

    public Uni<Member> find(Caller caller, UUID id) {
        return MemberStore.find(pool, id).map(m -> MemberAccess.visible(caller, m, id));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
