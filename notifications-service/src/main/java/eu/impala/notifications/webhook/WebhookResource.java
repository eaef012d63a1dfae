package eu.impala.notifications.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.notifications.NotificationsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * National associations' webhook subscriptions: their own association only. The secret is shown once, in the
 * answer to the creation; afterwards only the association's receiver knows it.
 */
@Path("/api/v1/notifications/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
public class WebhookResource {

    /** A subscription; {@code secret} only in the answer that created it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subscription(UUID id, UUID associationId, String url, Set<String> eventTypes, boolean active,
                               OffsetDateTime createdAt, String secret) {
    }

    /** One delivery of a subscription, for its association to see what reached it and what did not. */
    public record WebhookDelivery(UUID id, UUID eventId, String eventType, String status, int attempts, String lastError,
                                  OffsetDateTime createdAt, OffsetDateTime sentAt, OffsetDateTime nextAttemptAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Callers callers;
    private final NotificationsConfig config;

    public WebhookResource(Pool pool, Callers callers, NotificationsConfig config) {
        this.pool = pool;
        this.callers = callers;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ASSOCIATION_ADMIN)
    @Operation(summary = "Subscribe an endpoint", description = "Event types about the association's own members are "
            + "POSTed to the https url, signed with HMAC-SHA256 (header X-Impala-Signature: sha256=<hex of "
            + "HMAC(secret, X-Impala-Timestamp + '.' + body)>). The secret is in this answer only: keep it.")
    public Uni<Response> create(@NotNull(message = "a subscription is required") @Valid WebhookRequest request) {
        Caller caller = callers.current();
        UUID association = caller.associationId().orElseThrow(() -> ProblemException.forbidden("no association"));
        URI url = checkedUrl(request.url());
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return pool.preparedQuery("insert into webhook_subscription (id, association_id, url, secret, event_types, active, "
                        + "created_at, created_by) values ($1, $2, $3, $4, $5, true, $6, $7)")
                .execute(Tuple.tuple(List.of(id, association, url.toString(), secret,
                        request.eventTypes().toArray(String[]::new), now, caller.actor())))
                .map(ok -> Response.created(URI.create("/api/v1/notifications/webhooks/" + id))
                        .entity(new Subscription(id, association, url.toString(), request.eventTypes(), true, now, secret))
                        .build());
    }

    @GET
    @Operation(summary = "The association's subscriptions", description = "Without secrets. Platform admins see all.")
    public Uni<List<Subscription>> list() {
        Caller caller = callers.current();
        return pool.preparedQuery("select * from webhook_subscription where ($1::uuid is null or association_id = $1) "
                        + "order by created_at")
                .execute(Tuple.of(scope(caller)))
                .map(rows -> {
                    List<Subscription> result = new ArrayList<>();
                    rows.forEach(r -> result.add(subscription(r)));
                    return result;
                });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe", description = "Nothing more is sent to it; pending deliveries end as failed.")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return pool.preparedQuery("update webhook_subscription set active = false where id = $1 "
                        + "and ($2::uuid is null or association_id = $2) and active")
                .execute(Tuple.of(id, scope(callers.current())))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("webhook subscription " + id);
                    }
                    return Response.noContent().build();
                });
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "A subscription's deliveries", description = "Newest first, at most `limit` (default 50): "
            + "what was sent, what is being retried and what is dead.")
    public Uni<List<WebhookDelivery>> deliveries(@PathParam("id") UUID id, @QueryParam("status") String status,
                                                 @QueryParam("limit") Integer limit) {
        int size = eu.impala.commons.paging.Cursor.limit(limit);
        return pool.preparedQuery("select 1 from webhook_subscription where id = $1 and ($2::uuid is null or association_id = $2)")
                .execute(Tuple.of(id, scope(callers.current())))
                .chain(found -> {
                    if (found.size() == 0) {
                        throw ProblemException.notFound("webhook subscription " + id);
                    }
                    return pool.preparedQuery("select id, event_id, kind, status, attempts, last_error, created_at, sent_at, "
                                    + "next_attempt_at from notification where recipient = $1 and ($2::text is null or status = $2) "
                                    + "order by created_at desc, id desc limit $3")
                            .execute(Tuple.of("webhook:" + id, status, size));
                })
                .map(rows -> {
                    List<WebhookDelivery> result = new ArrayList<>();
                    rows.forEach(r -> result.add(new WebhookDelivery(r.getUUID("id"), r.getUUID("event_id"),
                            r.getString("kind"), r.getString("status"), r.getInteger("attempts"), r.getString("last_error"),
                            r.getOffsetDateTime("created_at"), r.getOffsetDateTime("sent_at"),
                            r.getOffsetDateTime("next_attempt_at"))));
                    return result;
                });
    }

    /** An absolute https URL (http only where allowed); anything else is a 400 problem. */
    private URI checkedUrl(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            url = null;
        }
        boolean https = url != null && "https".equalsIgnoreCase(url.getScheme());
        boolean http = url != null && "http".equalsIgnoreCase(url.getScheme()) && config.webhooks().allowHttp();
        if (url == null || url.getHost() == null || !(https || http) || url.getUserInfo() != null) {
            throw ProblemException.badRequest("the endpoint must be an absolute https URL without credentials",
                    List.of(new Problem.FieldError("url", "must be https://host/path")));
        }
        return url;
    }

    private static UUID scope(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return null;
        }
        return caller.associationId().filter(a -> caller.actsForAssociation())
                .orElseThrow(() -> ProblemException.forbidden("this token is bound to no association"));
    }

    private static Subscription subscription(Row r) {
        return new Subscription(r.getUUID("id"), r.getUUID("association_id"), r.getString("url"),
                Set.of(r.getArrayOfStrings("event_types")), r.getBoolean("active"), r.getOffsetDateTime("created_at"), null);
    }
}
