package eu.impala.campaigns.campaign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.http.Versions;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.outbox.OutgoingEvent;
import eu.impala.commons.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Writing campaigns: drafts, corrections, the lifecycle and the events it publishes. */
@ApplicationScoped
public class CampaignService {

    private final CampaignStore store;
    private final Outbox outbox;

    public CampaignService(CampaignStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    public Uni<Campaign> draft(SqlConnection conn, String actor, CampaignContent content) {
        return store.insert(conn, Campaign.draft(UUID.randomUUID(), content, actor, CampaignStore.nowUtc()));
    }

    public Uni<Campaign> revise(SqlConnection conn, UUID id, long expectedVersion, CampaignContent content) {
        return store.lock(conn, id).chain(current -> {
            Versions.check(expectedVersion, current.version());
            return store.update(conn, current.revisedTo(content, CampaignStore.nowUtc()));
        });
    }

    /** Publish, close or archive; publishing and closing announce it on Kafka in the same transaction. */
    public Uni<Campaign> transition(SqlConnection conn, UUID id, Long expectedVersion, CampaignStatus next) {
        return store.lock(conn, id).chain(current -> {
            if (expectedVersion != null) {
                Versions.check(expectedVersion, current.version());
            }
            Campaign moved = current.transitionTo(next, CampaignStore.nowUtc());
            List<OutgoingEvent> events = switch (next) {
                case PUBLISHED -> List.of(CampaignEvents.published(moved));
                case CLOSED -> List.of(CampaignEvents.closed(moved));
                default -> List.of();
            };
            return store.update(conn, moved).call(() -> outbox.append(conn, events));
        });
    }

    /** Only a draft is deleted; anything published stays on record. */
    public Uni<Void> delete(SqlConnection conn, UUID id, long expectedVersion) {
        return store.lock(conn, id).chain(current -> {
            Versions.check(expectedVersion, current.version());
            if (current.status() != CampaignStatus.DRAFT) {
                throw ProblemException.conflict("only a DRAFT campaign can be deleted; this one is " + current.status()
                        + " (archive it instead)");
            }
            return store.deleteDraft(conn, id).replaceWithVoid();
        });
    }

    /** Moves one campaign if its schedule says so (re-checked under the row lock); false when nothing was due. */
    public Uni<Boolean> applySchedule(SqlConnection conn, UUID id, OffsetDateTime now) {
        return store.lock(conn, id).chain(c -> {
            if (c.dueToOpen(now)) {
                return transition(conn, id, null, CampaignStatus.PUBLISHED).replaceWith(true);
            }
            if (c.dueToClose(now)) {
                return transition(conn, id, null, CampaignStatus.CLOSED).replaceWith(true);
            }
            return Uni.createFrom().item(false);
        });
    }

    public Outbox outbox() {
        return outbox;
    }
}
