package eu.impala.campaigns.signature;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.campaigns.campaign.Campaign;
import eu.impala.campaigns.campaign.CampaignEvents;
import eu.impala.campaigns.campaign.CampaignKind;
import eu.impala.campaigns.campaign.CampaignStatus;
import eu.impala.campaigns.campaign.CampaignStore;
import eu.impala.campaigns.counter.CounterCache;
import eu.impala.campaigns.member.MemberDirectory;
import eu.impala.campaigns.member.MemberSnapshot;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.outbox.OutgoingEvent;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Signing and withdrawing. One live signature per member and campaign is the database's rule (a partial unique
 * index), so concurrent signs of one member end with one signature; the count and the goal are kept under the
 * campaign's row lock in the same transaction, so the goal is reached exactly once.
 */
@ApplicationScoped
public class SignatureService {

    /** What signing did: a new signature, or the one the member already had. */
    public record Outcome(Signature signature, boolean created) {
    }

    private final CampaignStore campaigns;
    private final MemberDirectory members;
    private final Outbox outbox;
    private final CounterCache counters;
    private final SignatureMetrics metrics;

    public SignatureService(CampaignStore campaigns, MemberDirectory members, Outbox outbox, CounterCache counters,
                            SignatureMetrics metrics) {
        this.campaigns = campaigns;
        this.members = members;
        this.outbox = outbox;
        this.counters = counters;
        this.metrics = metrics;
    }

    public Uni<Outcome> sign(Caller caller, UUID campaignId, SignatureRequest request) {
        UUID memberId = SignatureAccess.memberToSignFor(caller, request.memberId());
        return outbox.inTransaction(conn -> campaigns.find(conn, campaignId)
                        .chain(campaign -> members.find(conn, memberId).chain(found -> {
                            openForSignatures(campaign, campaignId);
                            MemberSnapshot member = SignatureAccess.actFor(caller, memberId, found);
                            List<String> refusals = campaign.eligibility().refusals(member);
                            if (!refusals.isEmpty()) {
                                throw new ProblemException(422, "not-eligible", "Unprocessable Content",
                                        "member " + memberId + " may not sign this campaign: " + String.join("; ", refusals));
                            }
                            checkPledge(campaign, request);
                            return insert(conn, caller, campaign, member, request);
                        })))
                .invoke(outcome -> {
                    if (outcome.created()) {
                        counters.evict(campaignId);
                        metrics.added();
                    }
                });
    }

    public Uni<Void> withdraw(Caller caller, UUID campaignId, UUID memberId) {
        OffsetDateTime now = now();
        return outbox.inTransaction(conn -> members.find(conn, memberId)
                        .invoke(member -> SignatureAccess.actFor(caller, memberId, member))
                        .chain(() -> conn.preparedQuery("update signature set withdrawn_at = $3, withdrawn_by = $4 "
                                        + "where campaign_id = $1 and member_id = $2 and withdrawn_at is null returning "
                                        + Signature.COLUMNS)
                                .execute(Tuple.of(campaignId, memberId, now, caller.actor())))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("a live signature of member " + memberId
                                        + " on campaign " + campaignId);
                            }
                            Signature withdrawn = Signature.of(rows.iterator().next());
                            return count(conn, campaignId, -1, withdrawn.id(), now).chain(count -> outbox.append(conn,
                                    List.of(SignatureEvents.withdrawn(withdrawn, caller.actor(), now, count.total()))));
                        }))
                .invoke(() -> {
                    counters.evict(campaignId);
                    metrics.withdrawn();
                });
    }

    private static void openForSignatures(Campaign campaign, UUID campaignId) {
        if (campaign == null || campaign.status() == CampaignStatus.DRAFT) {
            throw ProblemException.notFound("campaign " + campaignId);
        }
        if (campaign.status() != CampaignStatus.PUBLISHED) {
            throw new ProblemException(409, "campaign-not-open", "Conflict",
                    "campaign " + campaign.slug() + " is " + campaign.status() + " and takes no signatures");
        }
    }

    private static void checkPledge(Campaign campaign, SignatureRequest request) {
        boolean hasPledge = request.pledge() != null && !request.pledge().isBlank();
        if (campaign.kind() == CampaignKind.PLEDGE && !hasPledge) {
            throw ProblemException.badRequest("a pledge campaign is signed with a commitment",
                    List.of(new Problem.FieldError("pledge", "required for a PLEDGE campaign")));
        }
        if (campaign.kind() == CampaignKind.DECLARATION && hasPledge) {
            throw ProblemException.badRequest("a declaration is signed as written",
                    List.of(new Problem.FieldError("pledge", "only for PLEDGE campaigns")));
        }
    }

    private Uni<Outcome> insert(SqlConnection conn, Caller caller, Campaign campaign, MemberSnapshot member,
                                SignatureRequest request) {
        OffsetDateTime now = now();
        UUID via = caller.actsForAssociation() ? caller.associationId().get() : null;
        List<Object> values = new ArrayList<>(List.of(UUID.randomUUID(), campaign.id(), member.memberId(), caller.actor()));
        values.add(via);
        values.add(blankToNull(request.comment()));
        values.add(blankToNull(request.pledge()));
        values.add(Boolean.TRUE.equals(request.showName()));
        values.add(now);
        values.add(member.country());
        values.add(member.kind());
        values.add(member.sizeClass());
        values.add(member.representedBy());
        return conn.preparedQuery("insert into signature (id, campaign_id, member_id, signed_by, via_association, "
                        + "comment, pledge, show_name, signed_at, country, member_kind, size_class, represented_by) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                        + "on conflict (campaign_id, member_id) where withdrawn_at is null do nothing returning "
                        + Signature.COLUMNS)
                .execute(Tuple.from(values))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return existing(conn, campaign.id(), member.memberId());
                    }
                    Signature signature = Signature.of(rows.iterator().next());
                    return count(conn, campaign.id(), +1, signature.id(), now).chain(count -> {
                        List<OutgoingEvent> events = new ArrayList<>();
                        events.add(SignatureEvents.added(signature, campaign.slug(), count.total()));
                        if (count.goalJustReached()) {
                            events.add(CampaignEvents.goalReached(campaign.id(), campaign.slug(), count.goal(),
                                    count.total(), now));
                        }
                        return outbox.append(conn, events).replaceWith(new Outcome(signature, true));
                    });
                });
    }

    private Uni<Outcome> existing(SqlConnection conn, UUID campaignId, UUID memberId) {
        return conn.preparedQuery("select " + Signature.COLUMNS + " from signature where campaign_id = $1 "
                        + "and member_id = $2 and withdrawn_at is null")
                .execute(Tuple.of(campaignId, memberId))
                .map(rows -> new Outcome(Signature.of(rows.iterator().next()), false));
    }

    /** The count after a change, the goal, and whether this change reached it. */
    private record Count(int total, Integer goal, boolean goalJustReached) {
    }

    /**
     * The campaign's count after this change, in one statement under the campaign's row lock (held until commit,
     * so keep what follows short); a campaign closed meanwhile refuses it. The goal is marked with the
     * signature that reached it, so exactly one transaction sees it reached by itself.
     */
    private Uni<Count> count(SqlConnection conn, UUID campaignId, int delta, UUID signatureId, OffsetDateTime now) {
        return conn.preparedQuery("update campaign set signature_count = signature_count + $2, "
                        + "goal_reached_at = case when goal_reached_at is null and goal is not null "
                        + "and signature_count + $2 >= goal and $2 > 0 then $3 else goal_reached_at end, "
                        + "goal_reached_by = case when goal_reached_at is null and goal is not null "
                        + "and signature_count + $2 >= goal and $2 > 0 then $4 else goal_reached_by end "
                        + "where id = $1 and status = 'PUBLISHED' returning signature_count, goal, goal_reached_by = $4 as reached")
                .execute(Tuple.of(campaignId, delta, now, signatureId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException(409, "campaign-not-open", "Conflict",
                                "campaign " + campaignId + " is no longer open and its signatures are final");
                    }
                    Row c = rows.iterator().next();
                    return new Count(c.getInteger("signature_count"), c.getInteger("goal"),
                            Boolean.TRUE.equals(c.getBoolean("reached")));
                });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
