package eu.impala.notifications.preference;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.http.Versions;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.notifications.notification.Channel;
import eu.impala.notifications.unsubscribe.Unsubscriptions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** A contact's notification preferences, for the staff of its member, of its association, and the secretariat. */
@Path("/api/v1/notifications/preferences/{contactId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences", description = "A contact's channels per topic and campaign-news digest, for its "
        + "member's staff, its association's and the secretariat.")
@RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token has none of the platform's staff roles.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such contact, or not one of a member the caller acts for.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PreferenceResource {

    private final Pool pool;
    private final ObjectMapper json;
    private final Callers callers;

    public PreferenceResource(Pool pool, ObjectMapper json, Callers callers) {
        this.pool = pool;
        this.json = json;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "getNotificationPreferences", summary = "A contact's preferences", description =
            "Everything on and IMMEDIATE until chosen (ETag \"0\").")
    @APIResponse(responseCode = "200", description = "The preferences; their ETag is their version.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Preferences.class),
                    examples = @ExampleObject(name = "defaults", value = PreferenceExamples.DEFAULTS)))
    public Uni<Response> get(@PathParam("contactId") UUID contactId) {
        return visible(pool, callers.current(), contactId).chain(() -> read(pool, contactId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceNotificationPreferences", summary = "Choose a contact's preferences",
            description = "If-Match must carry the ETag read last (\"0\" before the first choice): 412 when it changed "
            + "since. Topics left out keep every channel.")
    @APIResponse(responseCode = "200", description = "The preferences as stored, every topic listed, with their "
            + "new ETag.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Preferences.class),
                    examples = @ExampleObject(name = "chosen", value = PreferenceExamples.CHOSEN)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unreadable JSON (an unknown topic, channel "
            + "or digest) or an If-Match that is no ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed the preferences since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@PathParam("contactId") UUID contactId, @HeaderParam("If-Match") String ifMatch,
                             @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                     schema = @Schema(implementation = Preferences.class),
                                     examples = @ExampleObject(name = "weeklyCampaignNews",
                                             value = PreferenceExamples.CHOICE)))
                             @NotNull(message = "preferences are required") @Valid Preferences request) {
        long expected = Versions.required(ifMatch);
        Preferences chosen = request.complete();
        return pool.withTransaction(conn -> visible(conn, callers.current(), contactId)
                .chain(() -> conn.preparedQuery("select version from preference where contact_id = $1 for update")
                        .execute(Tuple.of(contactId)))
                .chain(rows -> {
                    long current = rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
                    Versions.check(expected, current);
                    // "for update" locks nothing while the contact has no row yet: a one-click unsubscribe may
                    // insert one meanwhile, so the write itself only replaces the version that was read
                    return conn.preparedQuery("insert into preference (contact_id, channels, digest, version, updated_at) "
                                    + "values ($1, $2::text::jsonb, $3, $4, now()) on conflict (contact_id) do update set "
                                    + "channels = excluded.channels, digest = excluded.digest, version = excluded.version, "
                                    + "updated_at = now() where preference.version = $5")
                            .execute(Tuple.of(contactId, write(chosen.channels()), chosen.digest().name(), current + 1,
                                    current))
                            .invoke(written -> {
                                if (written.rowCount() == 0) {
                                    throw ProblemException.staleVersion(current + 1);
                                }
                            })
                            .call(() -> withdrawn(conn, contactId, chosen));
                })
                .chain(() -> read(conn, contactId)));
    }

    /** News of each topic whose emails are now off, still waiting to be sent (a digest's), is not sent. */
    private static Uni<?> withdrawn(SqlClient sql, UUID contactId, Preferences chosen) {
        Uni<?> all = Uni.createFrom().voidItem();
        for (Topic topic : Topic.values()) {
            java.util.Set<Channel> channels = chosen.channels().get(topic);
            if (channels != null && !channels.contains(Channel.EMAIL)) {
                all = all.call(() -> Unsubscriptions.withdrawWaiting(sql, contactId, topic));
            }
        }
        return all;
    }

    /** 404 unless the contact is known and belongs to a member the caller may act for. */
    private static Uni<Void> visible(SqlClient sql, Caller caller, UUID contactId) {
        return sql.preparedQuery("select c.member_id, m.represented_by from recipient_contact c "
                        + "left join recipient_member m on m.member_id = c.member_id where c.contact_id = $1")
                .execute(Tuple.of(contactId))
                .map(rows -> {
                    var row = rows.size() == 0 ? null : rows.iterator().next();
                    boolean allowed = row != null && (caller.isPlatformAdmin()
                            || (caller.actsForMember() && caller.memberId().get().equals(row.getUUID("member_id")))
                            || (caller.actsForAssociation()
                                && caller.associationId().get().equals(row.getUUID("represented_by"))));
                    if (!allowed) {
                        throw ProblemException.notFound("contact " + contactId);
                    }
                    return null;
                });
    }

    private Uni<Response> read(SqlClient sql, UUID contactId) {
        return sql.preparedQuery("select channels, digest, version from preference where contact_id = $1")
                .execute(Tuple.of(contactId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Response.ok(Preferences.defaults()).tag(new EntityTag("0")).build();
                    }
                    var row = rows.iterator().next();
                    try {
                        Preferences stored = new Preferences(json.readValue(row.getValue("channels").toString(),
                                new com.fasterxml.jackson.core.type.TypeReference<>() {
                                }), Digest.valueOf(row.getString("digest")));
                        return Response.ok(stored).tag(new EntityTag(Long.toString(row.getLong("version")))).build();
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable preferences of contact " + contactId, e);
                    }
                });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
