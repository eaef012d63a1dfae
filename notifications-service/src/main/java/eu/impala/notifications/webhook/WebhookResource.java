package eu.impala.notifications.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

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
 * answer to the creation or rotation; afterwards only the association's receiver knows it (we keep it sealed,
 * {@link SecretBox}). An endpoint must be a public https URL ({@link Destinations}); an association has at most
 * {@code impala.notifications.webhooks.max-subscriptions} active subscriptions, and not the same one twice.
 */
@Path("/api/v1/notifications/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "A national association's signed webhook subscriptions to events about its "
        + "own members, their secrets and what reached them.")
@RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is neither an association's staff nor the "
        + "secretariat's, or (to subscribe or rotate) bound to no association.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    /** The longest a previous secret may keep signing after a rotation. */
    static final Duration LONGEST_GRACE = Duration.ofDays(7);

    /**
     * A subscription; {@code secret} only in the answer that created or rotated it, {@code previousSecretValidUntil}
     * while a rotated-out secret still signs.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subscription(UUID id, UUID associationId, String url, Set<String> eventTypes, boolean active,
                               OffsetDateTime createdAt, String secret, OffsetDateTime previousSecretValidUntil) {
    }

    /**
     * One delivery of a subscription, for its association to see what reached it and what did not: the status class
     * its receiver answered (or timeout, connect, tls, refused) and how long the last attempt took, never the
     * receiver's body or an address.
     */
    public record WebhookDelivery(UUID id, UUID eventId, String eventType, String status, int attempts,
                                  @Schema(nullable = true) String lastError, @Schema(nullable = true) String lastResponse,
                                  @Schema(nullable = true) Integer lastDurationMs, OffsetDateTime createdAt,
                                  @Schema(nullable = true) OffsetDateTime sentAt,
                                  @Schema(nullable = true) OffsetDateTime nextAttemptAt) {
    }

    /** A rotation: how long the previous secret keeps signing beside the new one (ISO-8601, e.g. PT24H; PT0S: not at all). */
    public record Rotation(Duration keepPreviousFor) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Callers callers;
    private final NotificationsConfig config;
    private final Destinations destinations;
    private final SecretBox box;

    public WebhookResource(Pool pool, Callers callers, NotificationsConfig config, Destinations destinations, SecretBox box) {
        this.pool = pool;
        this.callers = callers;
        this.config = config;
        this.destinations = destinations;
        this.box = box;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ASSOCIATION_ADMIN)
    @Operation(operationId = "createWebhook", summary = "Subscribe an endpoint", description = "Event types about the "
            + "association's own members are POSTed to the https url, signed with HMAC-SHA256 (header "
            + "X-Impala-Signature: sha256=<hex of HMAC(secret, X-Impala-Timestamp + '.' + body)>). The secret is in "
            + "this answer only: keep it. The url must be public: loopback, private, link-local and other internal "
            + "addresses are refused (400). 409 when the association already has the same url with the same event "
            + "types, or as many active subscriptions as allowed.")
    @APIResponse(responseCode = "201", description = "The subscription with its secret, shown this once; Location "
            + "names it.",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Subscription.class),
                    examples = @ExampleObject(name = "created", value = WebhookExamples.CREATED)))
    @APIResponse(responseCode = "400", description = "Invalid fields or unreadable JSON; a url that is not https "
            + "or not public.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The same url with the same event types exists, or the "
            + "association has as many active subscriptions as allowed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(implementation = WebhookRequest.class),
                                        examples = @ExampleObject(name = "memberEvents",
                                                value = WebhookExamples.REQUEST)))
                                @NotNull(message = "a subscription is required") @Valid WebhookRequest request) {
        Caller caller = callers.current();
        UUID association = caller.associationId().orElseThrow(() -> ProblemException.forbidden("no association"));
        URI url = checkedUrl(request.url());
        Set<String> types = new TreeSet<>(request.eventTypes());
        String[] typeArray = types.toArray(String[]::new);
        String secret = newSecret();
        UUID id = UUID.randomUUID();
        SecretBox.Sealed sealed = box.seal(id, secret);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int most = config.webhooks().maxSubscriptions();
        return destinations.check(url)
                .onFailure(e -> e instanceof Destinations.Refused || e instanceof Destinations.Unresolved)
                .transform(e -> refused(url, e))
                .chain(checked -> pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock("
                                + "hashtextextended('webhooks:' || $1, 0))").execute(Tuple.of(association.toString()))
                        .chain(() -> conn.preparedQuery("select count(*) as active, coalesce(bool_or(url = $2 and "
                                        + "event_types @> $3 and event_types <@ $3), false) as same from webhook_subscription "
                                        + "where association_id = $1 and active")
                                .execute(Tuple.of(association, url.toString(), typeArray)))
                        .chain(rows -> {
                            Row found = rows.iterator().next();
                            if (found.getBoolean("same")) {
                                throw ProblemException.conflict("the association already has an active subscription of "
                                        + "this url to these event types");
                            }
                            if (found.getLong("active") >= most) {
                                throw ProblemException.conflict("an association has at most " + most + " active webhook "
                                        + "subscriptions; delete one before adding another");
                            }
                            return conn.preparedQuery("insert into webhook_subscription (id, association_id, url, "
                                            + "secret_key_id, secret_sealed, event_types, active, created_at, created_by) "
                                            + "values ($1, $2, $3, $4, $5, $6, true, $7, $8)")
                                    .execute(Tuple.tuple(List.of(id, association, url.toString(), sealed.keyId(),
                                            SecretSealer.buffer(sealed), typeArray, now, caller.actor())));
                        })))
                .map(ok -> Response.created(URI.create("/api/v1/notifications/webhooks/" + id))
                        .entity(new Subscription(id, association, url.toString(), types, true, now, secret, null))
                        .build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The association's subscriptions", description = "Without "
            + "secrets. Platform admins see all.")
    @APIResponse(responseCode = "200", description = "The subscriptions, oldest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Subscription.class),
                    examples = @ExampleObject(name = "subscriptions", value = WebhookExamples.LIST)))
    public Uni<List<Subscription>> list() {
        Caller caller = callers.current();
        return pool.preparedQuery("select id, association_id, url, event_types, active, created_at, previous_until "
                        + "from webhook_subscription where ($1::uuid is null or association_id = $1) order by created_at")
                .execute(Tuple.of(scope(caller)))
                .map(rows -> {
                    List<Subscription> result = new ArrayList<>();
                    rows.forEach(r -> result.add(subscription(r, null)));
                    return result;
                });
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe", description = "Nothing more is sent to it and "
            + "its secret is destroyed; pending deliveries end as failed.")
    @APIResponse(responseCode = "204", description = "Unsubscribed.")
    @APIResponse(responseCode = "404", description = "No active subscription of the caller's association has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return pool.preparedQuery("update webhook_subscription set active = false, secret = null, secret_key_id = null, "
                        + "secret_sealed = null, previous_key_id = null, previous_sealed = null, previous_until = null "
                        + "where id = $1 and ($2::uuid is null or association_id = $2) and active")
                .execute(Tuple.of(id, scope(callers.current())))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("webhook subscription " + id);
                    }
                    return Response.noContent().build();
                });
    }

    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ASSOCIATION_ADMIN)
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the secret", description = "A new secret, in "
            + "this answer only. The previous one keeps signing beside it for keepPreviousFor (default from "
            + "configuration, 24 hours; at most 7 days; PT0S: not at all): every delivery then carries both signatures, "
            + "X-Impala-Signature: sha256=<new>,sha256=<old>, so the receiver can switch without losing a delivery. A "
            + "secret rotated out before is dropped.")
    @APIResponse(responseCode = "200", description = "The subscription with its new secret, shown this once.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Subscription.class),
                    examples = @ExampleObject(name = "rotated", value = WebhookExamples.ROTATED)))
    @APIResponse(responseCode = "400", description = "keepPreviousFor is not a duration from PT0S to P7D, or the "
            + "JSON is unreadable.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No active subscription of the caller's association has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Subscription> rotate(@PathParam("id") UUID id,
                                    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = Rotation.class),
                                            examples = @ExampleObject(name = "keepForADay",
                                                    value = WebhookExamples.ROTATION)))
                                    Rotation rotation) {
        Caller caller = callers.current();
        UUID association = caller.associationId().orElseThrow(() -> ProblemException.forbidden("no association"));
        Duration grace = rotation == null || rotation.keepPreviousFor() == null ? config.webhooks().rotationGrace()
                : rotation.keepPreviousFor();
        if (grace.isNegative() || grace.compareTo(LONGEST_GRACE) > 0) {
            throw ProblemException.badRequest("the previous secret keeps signing for 0 to 7 days",
                    List.of(new Problem.FieldError("keepPreviousFor", "must be between PT0S and P7D")));
        }
        String secret = newSecret();
        SecretBox.Sealed sealed = box.seal(id, secret);
        OffsetDateTime until = grace.isZero() ? null
                : OffsetDateTime.now(ZoneOffset.UTC).plus(grace).truncatedTo(ChronoUnit.MICROS);
        return pool.preparedQuery("update webhook_subscription set previous_key_id = case when $5::timestamptz is null "
                        + "then null else secret_key_id end, previous_sealed = case when $5::timestamptz is null then null "
                        + "else secret_sealed end, previous_until = $5, secret_key_id = $3, secret_sealed = $4 "
                        + "where id = $1 and association_id = $2 and active "
                        + "returning id, association_id, url, event_types, active, created_at, previous_until")
                .execute(Tuple.of(id, association, sealed.keyId(), SecretSealer.buffer(sealed), until))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("webhook subscription " + id);
                    }
                    return subscription(rows.iterator().next(), secret);
                });
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "A subscription's deliveries", description = "Newest "
            + "first, at most `limit` (default 50): what was sent, what is being retried and what is dead, with the "
            + "status class the receiver answered last and how long that took.")
    @APIResponse(responseCode = "200", description = "The deliveries, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookDelivery.class),
                    examples = @ExampleObject(name = "deliveries", value = WebhookExamples.DELIVERIES)))
    @APIResponse(responseCode = "400", description = "A limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No subscription of the caller's association has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<WebhookDelivery>> deliveries(@PathParam("id") UUID id, @QueryParam("status") String status,
                                                 @QueryParam("limit") Integer limit) {
        int size = eu.impala.commons.paging.Cursor.limit(limit);
        return pool.preparedQuery("select 1 from webhook_subscription where id = $1 and ($2::uuid is null or association_id = $2)")
                .execute(Tuple.of(id, scope(callers.current())))
                .chain(found -> {
                    if (found.size() == 0) {
                        throw ProblemException.notFound("webhook subscription " + id);
                    }
                    return pool.preparedQuery("select id, event_id, kind, status, attempts, last_error, last_response, "
                                    + "last_duration_ms, created_at, sent_at, next_attempt_at from notification "
                                    + "where recipient = $1 and ($2::text is null or status = $2) "
                                    + "order by created_at desc, id desc limit $3")
                            .execute(Tuple.of("webhook:" + id, status, size));
                })
                .map(rows -> {
                    List<WebhookDelivery> result = new ArrayList<>();
                    rows.forEach(r -> result.add(new WebhookDelivery(r.getUUID("id"), r.getUUID("event_id"),
                            r.getString("kind"), r.getString("status"), r.getInteger("attempts"), r.getString("last_error"),
                            r.getString("last_response"), r.getInteger("last_duration_ms"),
                            r.getOffsetDateTime("created_at"), r.getOffsetDateTime("sent_at"),
                            r.getOffsetDateTime("next_attempt_at"))));
                    return result;
                });
    }

    /** An absolute https URL (http only where allowed) of a host that may be public; anything else is a 400 problem. */
    private URI checkedUrl(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            url = null;
        }
        boolean https = url != null && "https".equalsIgnoreCase(url.getScheme());
        boolean http = url != null && "http".equalsIgnoreCase(url.getScheme()) && config.webhooks().allowHttp();
        if (url == null || url.getHost() == null || !(https || http) || url.getUserInfo() != null
                || url.getFragment() != null) {
            throw ProblemException.badRequest("the endpoint must be an absolute https URL without credentials",
                    List.of(new Problem.FieldError("url", "must be https://host/path")));
        }
        // one spelling per endpoint (scheme and host in lower case, no default port), so that a duplicate is seen
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort() == (https ? 443 : 80) ? -1 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        url = URI.create(scheme + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT) + (port < 0 ? "" : ":" + port)
                + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        try {
            destinations.checkName(url);
        } catch (Destinations.Refused e) {
            throw refused(url, e);
        }
        return url;
    }

    /** One answer for every refused destination: which rule refused it would map our network for the caller. */
    private static ProblemException refused(URI url, Throwable why) {
        LOG.infof("webhook endpoint refused (%s): %s", url.getHost(), why.getMessage());
        return ProblemException.badRequest("the endpoint must be a public https URL: loopback, private, link-local and "
                + "other internal destinations are refused", List.of(new Problem.FieldError("url",
                "must be a public host")));
    }

    /** 32 random bytes, as receivers see them: {@code whsec_<base64url>}. */
    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static UUID scope(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return null;
        }
        return caller.associationId().filter(a -> caller.actsForAssociation())
                .orElseThrow(() -> ProblemException.forbidden("this token is bound to no association"));
    }

    private static Subscription subscription(Row r, String secret) {
        OffsetDateTime until = r.getOffsetDateTime("previous_until");
        return new Subscription(r.getUUID("id"), r.getUUID("association_id"), r.getString("url"),
                new TreeSet<>(List.of(r.getArrayOfStrings("event_types"))), r.getBoolean("active"),
                r.getOffsetDateTime("created_at"), secret,
                until != null && until.isAfter(OffsetDateTime.now(ZoneOffset.UTC)) ? until : null);
    }
}
