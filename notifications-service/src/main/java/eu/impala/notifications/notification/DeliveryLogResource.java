package eu.impala.notifications.notification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Role;
import eu.impala.commons.validation.EnumParam;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The delivery log for the secretariat: every notification, its attempts, the dead letters and a retry. */
@Path("/api/v1/notifications/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Delivery log")
@RolesAllowed(Role.PLATFORM_ADMIN)
public class DeliveryLogResource {

    /** One notification in the log. */
    public record Delivery(UUID id, UUID eventId, String kind, Channel channel, String recipient, UUID memberId,
                           String address, String language, String subject, DeliveryStatus status, int attempts,
                           String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
                           OffsetDateTime sentAt, List<Attempt> attemptLog) {
    }

    /** One attempt to deliver. */
    public record Attempt(int attempt, OffsetDateTime at, String outcome, String error) {
    }

    private static final String COLUMNS = "id, event_id, kind, channel, recipient, member_id, address, language, subject, "
            + "status, attempts, last_error, created_at, next_attempt_at, sent_at";

    private final Pool pool;
    private final DeliveryWorker worker;

    public DeliveryLogResource(Pool pool, DeliveryWorker worker) {
        this.pool = pool;
        this.worker = worker;
    }

    @GET
    @Operation(summary = "The delivery log", description = "Newest first with cursor pagination; status=DEAD lists the "
            + "dead letters. Filters: status, channel, kind, memberId, eventId.")
    public Uni<CursorPage<Delivery>> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
                                          @QueryParam("kind") String kind, @QueryParam("memberId") UUID memberId,
                                          @QueryParam("eventId") UUID eventId, @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") Integer limit) {
        int pageSize = Cursor.limit(limit);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (status != null) {
            params.add(EnumParam.parse(DeliveryStatus.class, status, "status").name());
            where.append(" and status = $").append(params.size());
        }
        if (channel != null) {
            params.add(EnumParam.parse(Channel.class, channel, "channel").name());
            where.append(" and channel = $").append(params.size());
        }
        if (kind != null) {
            params.add(kind);
            where.append(" and kind = $").append(params.size());
        }
        if (memberId != null) {
            params.add(memberId);
            where.append(" and member_id = $").append(params.size());
        }
        if (eventId != null) {
            params.add(eventId);
            where.append(" and event_id = $").append(params.size());
        }
        TimeCursor after = TimeCursor.decode(cursor);
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where.append(" and (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        params.add(pageSize + 1);
        return pool.preparedQuery("select " + COLUMNS + " from notification where " + where
                        + " order by created_at desc, id desc limit $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<Delivery> found = new ArrayList<>();
                    rows.forEach(r -> found.add(delivery(r, List.of())));
                    return CursorPage.of(found, pageSize, d -> TimeCursor.key(d.createdAt(), d.id()));
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One notification with every attempt")
    public Uni<Delivery> get(@PathParam("id") UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from notification where id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("notification " + id);
                    }
                    Row row = rows.iterator().next();
                    return pool.preparedQuery("select attempt, at, outcome, error from delivery_attempt "
                                    + "where notification_id = $1 order by attempt").execute(Tuple.of(id))
                            .map(attempts -> {
                                List<Attempt> log = new ArrayList<>();
                                attempts.forEach(a -> log.add(new Attempt(a.getInteger("attempt"),
                                        a.getOffsetDateTime("at"), a.getString("outcome"), a.getString("error"))));
                                return delivery(row, log);
                            });
                });
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Retry a dead or failing email now", description = "One more attempt at once; 409 for one "
            + "that was sent or is not an email.")
    public Uni<Delivery> retry(@PathParam("id") UUID id) {
        return pool.preparedQuery("update notification set status = 'PENDING', next_attempt_at = now() where id = $1 "
                        + "and channel = 'EMAIL' and status in ('DEAD', 'FAILED') returning id")
                .execute(Tuple.of(id))
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem()
                        : get(id).invoke(d -> {
                            throw ProblemException.conflict("notification " + id + " is " + d.status() + " on "
                                    + d.channel() + ": only a DEAD or FAILED email is retried");
                        }).replaceWithVoid())
                .invoke(worker::wakeUp)
                .chain(() -> get(id));
    }

    private static Delivery delivery(Row r, List<Attempt> attempts) {
        return new Delivery(r.getUUID("id"), r.getUUID("event_id"), r.getString("kind"),
                Channel.valueOf(r.getString("channel")), r.getString("recipient"), r.getUUID("member_id"),
                r.getString("address"), r.getString("language"), r.getString("subject"),
                DeliveryStatus.valueOf(r.getString("status")), r.getInteger("attempts"), r.getString("last_error"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("next_attempt_at"), r.getOffsetDateTime("sent_at"),
                attempts);
    }
}
