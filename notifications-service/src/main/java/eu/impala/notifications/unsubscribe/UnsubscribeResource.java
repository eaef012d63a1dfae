package eu.impala.notifications.unsubscribe;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.problem.Problem;
import eu.impala.notifications.notification.Channel;
import eu.impala.notifications.notification.Templates;
import eu.impala.notifications.preference.Preferences;
import eu.impala.notifications.preference.Topic;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one-click unsubscribe of non-transactional emails (RFC 8058), with no login: the signed token in the link is
 * the only authority, and it names one contact and one topic. A POST switches that topic's EMAIL channel off for that
 * contact and touches nothing else; doing it again changes nothing and answers the same. A GET (a person following
 * the footer link, or a mail scanner fetching it ahead) changes nothing: it answers a page whose button POSTs.
 */
@Path("/api/v1/notifications/unsubscribe")
@PermitAll
@Tag(name = "Unsubscribe", description = "One-click unsubscribe from the links of campaign news and other "
        + "non-transactional emails: no login, the link's signed token names the contact and the topic.")
// no bearer token at all: the document says so (security: []), the gateway lets this one path through anonymously
@SecurityRequirements
@APIResponse(responseCode = "400", description = "The token is missing, malformed or not signed by us (a changed "
        + "character anywhere).",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "410", description = "The link has expired, or its contact is no longer known (erased): "
        + "worded alike.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UnsubscribeResource {

    private static final Logger LOG = Logger.getLogger(UnsubscribeResource.class);
    private static final String TOKEN_DESCRIPTION = "The token of the link in the email, as it is.";

    /** What a successful unsubscribe answers: the topic whose emails stop, never who the contact is. */
    public record Unsubscribed(@Schema(required = true) Topic topic, @Schema(required = true) Channel channel,
                               @Schema(required = true, description = "Always false: that topic's emails are off.")
                               boolean subscribed) {
    }

    private final Pool pool;
    private final UnsubscribeTokens tokens;
    private final ObjectMapper json;

    public UnsubscribeResource(Pool pool, UnsubscribeTokens tokens, ObjectMapper json) {
        this.pool = pool;
        this.tokens = tokens;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "showUnsubscribePage", summary = "The page of an unsubscribe link",
            description = "Changes nothing (mail scanners fetch links ahead): a small page in the contact's language "
            + "whose button POSTs to the same URL.")
    @APIResponse(responseCode = "200", description = "The confirmation page.",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> page(@Parameter(description = TOKEN_DESCRIPTION, required = true) @QueryParam("token") String token) {
        UnsubscribeTokens.Claim claim = tokens.verify(token, Instant.now());
        return language(pool, claim).map(lang -> html(UnsubscribePage.confirm(lang, claim.topic(), token)));
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe from a topic's emails",
            description = "RFC 8058 one-click: the body List-Unsubscribe=One-Click (form-encoded), or none, is "
            + "accepted and not needed. Switches EMAIL off for the token's topic and contact; other channels and topics "
            + "stay. Idempotent: again, the same answer. A browser (Accept: text/html) gets a page instead of JSON.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "oneClick", value = "List-Unsubscribe=One-Click")))
    @APIResponse(responseCode = "200", description = "That topic's emails are off for that contact.",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unsubscribed.class),
                    examples = @ExampleObject(name = "unsubscribed", value = UnsubscribeExamples.UNSUBSCRIBED)),
                @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> unsubscribe(@Parameter(description = TOKEN_DESCRIPTION, required = true)
                                     @QueryParam("token") String token, @Context HttpHeaders headers) {
        UnsubscribeTokens.Claim claim = tokens.verify(token, Instant.now());
        boolean html = prefersHtml(headers);
        return pool.withTransaction(conn -> language(conn, claim)
                .call(lang -> switchOff(conn, claim).chain(rows -> counted(conn, claim, rows.rowCount())))
                .map(lang -> {
                    LOG.infof("a contact unsubscribed from %s emails", claim.topic());
                    return html ? html(UnsubscribePage.done(lang, claim.topic()))
                            : Response.ok(new Unsubscribed(claim.topic(), Channel.EMAIL, false),
                                    MediaType.APPLICATION_JSON_TYPE).build();
                }));
    }

    /**
     * The contact's language; 410 when it is not (or no longer) known. In a transaction the row stays locked until
     * the commit, so an erasure running meanwhile deletes the preference written here too, never leaves it behind.
     */
    private static Uni<String> language(SqlClient sql, UnsubscribeTokens.Claim claim) {
        return sql.preparedQuery("select language from recipient_contact where contact_id = $1 for key share")
                .execute(Tuple.of(claim.contactId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw UnsubscribeTokens.gone();
                    }
                    return Templates.language(rows.iterator().next().getString("language"));
                });
    }

    /**
     * EMAIL out of the topic's channels, in one statement: a contact without preferences gets the defaults less that,
     * one with them loses EMAIL there (its version moves on, so an editor's stale If-Match is refused); when EMAIL
     * is already off nothing is written.
     */
    /**
     * An unsubscribe that changed something, from an announcement's link, counts in that announcement's statistics (a
     * number only: who unsubscribed is not kept there).
     */
    private static Uni<?> counted(SqlClient sql, UnsubscribeTokens.Claim claim, int changed) {
        if (claim.source() == null || changed == 0) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery("update announcement set unsubscribed = unsubscribed + 1 where id = $1")
                .execute(Tuple.of(claim.source()));
    }

    private Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> switchOff(SqlClient sql,
                                                                                           UnsubscribeTokens.Claim claim) {
        Preferences defaults = Preferences.defaults();
        Map<Topic, java.util.Set<Channel>> channels = new java.util.EnumMap<>(defaults.channels());
        EnumSet<Channel> left = EnumSet.allOf(Channel.class);
        left.remove(Channel.EMAIL);
        channels.put(claim.topic(), left);
        return sql.preparedQuery("insert into preference (contact_id, channels, digest, version, updated_at) "
                        + "values ($1, $2::text::jsonb, $3, 1, now()) on conflict (contact_id) do update set "
                        + "channels = jsonb_set(preference.channels, array[$4::text], "
                        + "coalesce(preference.channels -> $4::text, '[\"EMAIL\", \"IN_APP\", \"WEBHOOK\"]'::jsonb) - 'EMAIL'), "
                        + "version = preference.version + 1, updated_at = now() "
                        + "where jsonb_exists(coalesce(preference.channels -> $4::text, '[\"EMAIL\"]'::jsonb), 'EMAIL')")
                .execute(Tuple.of(claim.contactId(), write(channels), defaults.digest().name(), claim.topic().name()));
    }

    /** True when the caller's Accept ranks HTML (named, not by a wildcard) above JSON: a browser's form POST. */
    static boolean prefersHtml(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if ("text".equals(type.getType()) && "html".equals(type.getSubtype())) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /** A page of ours: no script, no style, no frame, its only form posting back here. */
    private static Response html(String page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'; "
                        + "base-uri 'none'")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
