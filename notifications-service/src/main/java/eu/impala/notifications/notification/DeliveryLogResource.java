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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import eu.impala.commons.problem.Problem;
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
@Tag(name = "Delivery log", description = "Every notification sent or being sent, its attempts and the dead "
        + "letters, for the secretariat (platform-admin only).")
@RolesAllowed(Role.PLATFORM_ADMIN)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is not the secretariat's (platform-admin).",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeliveryLogResource {

    /** One notification in the log. */
    public record Delivery(UUID id, UUID eventId, String kind, Channel channel, String recipient,
                           @Schema(nullable = true) UUID memberId, @Schema(nullable = true) String address,
                           @Schema(nullable = true) String language, @Schema(nullable = true) String subject,
                           DeliveryStatus status, int attempts, @Schema(nullable = true) String lastError,
                           OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime nextAttemptAt,
                           @Schema(nullable = true) OffsetDateTime sentAt, List<Attempt> attemptLog) {
    }

    /** One attempt to deliver. */
    public record Attempt(int attempt, OffsetDateTime at, String outcome, @Schema(nullable = true) String error) {
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
    @Operation(operationId = "listDeliveries", summary = "The delivery log", description = "Newest first with cursor "
            + "pagination; status=DEAD lists the dead letters. Filters: status, channel, kind, memberId, eventId.")
    @APIResponse(responseCode = "200", description = "A page (attemptLog empty: read one delivery for its attempts); "
            + "next, when present, is the cursor of the following one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = Delivery.class)),
                    examples = @ExampleObject(name = "page", value = DeliveryExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "An unknown status or channel, a foreign cursor or a limit "
            + "out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
    @Operation(operationId = "getDelivery", summary = "One notification with every attempt")
    @APIResponse(responseCode = "200", description = "The notification and its attempts.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Delivery.class),
                    examples = @ExampleObject(name = "dead", value = DeliveryExamples.DEAD)))
    @APIResponse(responseCode = "404", description = "No notification has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
    @Operation(operationId = "retryDelivery", summary = "Retry a dead or failing email now", description = "One more "
            + "attempt at once; 409 for one that was sent or is not an email.")
    @APIResponse(responseCode = "200", description = "The notification, PENDING again until the attempt is made.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Delivery.class),
                    examples = @ExampleObject(name = "pending", value = DeliveryExamples.RETRIED)))
    @APIResponse(responseCode = "404", description = "No notification has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Only a DEAD or FAILED email is retried; this one is not.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
