package eu.impala.campaigns.campaign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.campaigns.CampaignsConfig;
import eu.impala.campaigns.counter.CounterCache;
import eu.impala.campaigns.counter.CounterQueries;
import eu.impala.campaigns.counter.Counters;
import eu.impala.campaigns.signature.Signatory;
import eu.impala.campaigns.signature.SignatureQueries;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.validation.EnumParam;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What anyone may read without a token: published and closed campaigns in the reader's language, their
 * counters and the members that agreed to be named. Every answer carries an ETag and Cache-Control.
 */
@Path("/api/v1/campaigns/public")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Campaigns (public)", description = "What anyone reads without a token: published and closed campaigns, "
        + "their counters and named signatories. Answers carry an ETag and Cache-Control.")
// no token at all: the document says so (security: []) rather than leaving it to the API's default
@SecurityRequirements
public class PublicCampaignResource {

    private final CampaignStore store;
    private final CounterCache counterCache;
    private final CounterQueries counters;
    private final SignatureQueries signatures;
    private final Pool pool;
    private final ObjectMapper json;
    private final CampaignsConfig config;

    public PublicCampaignResource(CampaignStore store, CounterCache counterCache, CounterQueries counters,
                                  SignatureQueries signatures, Pool pool, ObjectMapper json, CampaignsConfig config) {
        this.store = store;
        this.counterCache = counterCache;
        this.counters = counters;
        this.signatures = signatures;
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    @GET
    @Operation(operationId = "listPublicCampaigns", summary = "Published campaigns", description = "PUBLISHED and "
            + "CLOSED campaigns, most recently published first, titles and summaries in the first language of "
            + "Accept-Language the campaign has (else its own), without their body; filter by topic and status.")
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = PublicCampaign.class)),
                    examples = @ExampleObject(name = "page", value = CampaignExamples.PUBLIC_PAGE)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match.")
    @APIResponse(responseCode = "400", description = "An unknown topic, a status other than PUBLISHED or CLOSED, a "
            + "foreign cursor or a limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                              @QueryParam("topic") String topic, @QueryParam("status") String status,
                              @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
                              @Context Request request) {
        int pageSize = Cursor.limit(limit);
        Set<CampaignStatus> statuses = EnumSet.of(CampaignStatus.PUBLISHED, CampaignStatus.CLOSED);
        if (status != null) {
            CampaignStatus wanted = EnumParam.parse(CampaignStatus.class, status, "status");
            if (!wanted.isPublic()) {
                throw ProblemException.badRequest("the public sees PUBLISHED and CLOSED campaigns only",
                        List.of(new Problem.FieldError("status", "PUBLISHED or CLOSED")));
            }
            statuses = EnumSet.of(wanted);
        }
        CampaignTopic about = topic == null ? null : EnumParam.parse(CampaignTopic.class, topic, "topic");
        List<Locale.LanguageRange> languages = languages(acceptLanguage);
        return store.page(pool, statuses, about, true, cursor, pageSize)
                .map(page -> page.map(c -> PublicCampaign.of(c, c.localized(languages), false)))
                .map(page -> cacheable(request, write(page), config.publicMaxAge(), true));
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getPublicCampaign", summary = "A published campaign", description = "By its slug; "
            + "title and summary in the reader's language (Content-Language says which), the body in the campaign's own "
            + "language (bodyLanguage).")
    @APIResponse(responseCode = "200", description = "The campaign as the public sees it.",
            headers = {@Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "Content-Language", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublicCampaign.class),
                    examples = @ExampleObject(name = "inFrench", value = CampaignExamples.PUBLIC)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match.")
    @APIResponse(responseCode = "404", description = "No published or closed campaign has this slug.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("slug") String slug,
                             @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context Request request) {
        List<Locale.LanguageRange> languages = languages(acceptLanguage);
        return published(slug).map(c -> {
            Campaign.Localized text = c.localized(languages);
            return Response.fromResponse(cacheable(request, write(PublicCampaign.of(c, text, true)),
                    config.publicMaxAge(), true)).header(HttpHeaders.CONTENT_LANGUAGE, text.language()).build();
        });
    }

    @GET
    @Path("/{slug}/counters")
    @Operation(operationId = "getPublicCampaignCounters", summary = "A campaign's counters", description = "Total "
            + "signatories and their split by country, member kind and size class. Served from memory for up to a few "
            + "seconds; revalidate with If-None-Match.")
    @APIResponse(responseCode = "200", description = "The counters.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Counters.class),
                    examples = @ExampleObject(name = "counters", value = CampaignExamples.COUNTERS)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match.")
    @APIResponse(responseCode = "404", description = "No published or closed campaign has this slug.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> counters(@PathParam("slug") String slug, @Context Request request) {
        return counterCache.get(slug, () -> published(slug).chain(c -> counters
                        .count(c.id(), c.slug(), c.goal(), c.goalReachedAt() != null)
                        .map(counted -> {
                            byte[] body = write(counted);
                            return new CounterCache.Page(c.id(), body, etag(body));
                        })))
                .map(page -> respond(request, page.json(), page.etag(), config.countersMaxAge(), false));
    }

    @GET
    @Path("/{slug}/signatories")
    @Operation(operationId = "listPublicCampaignSignatories", summary = "Named signatories", description = "The "
            + "members that agreed to be named, in signing order, with cursor pagination; members that did not agree, "
            + "or were erased, are never listed.")
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = Signatory.class)),
                    examples = @ExampleObject(name = "page", value = CampaignExamples.SIGNATORIES)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A foreign cursor or a limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No published or closed campaign has this slug.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> signatories(@PathParam("slug") String slug, @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") Integer limit, @Context Request request) {
        int pageSize = Cursor.limit(limit);
        return published(slug).chain(c -> signatures.publicSignatories(c.id(), cursor, pageSize))
                .map(page -> cacheable(request, write(page), config.countersMaxAge(), false));
    }

    private Uni<Campaign> published(String slug) {
        return store.findBySlug(pool, slug).map(c -> {
            if (c == null || !c.status().isPublic()) {
                throw ProblemException.notFound("campaign " + slug);
            }
            return c;
        });
    }

    /** A malformed Accept-Language is no error for a reader: it gets the campaign's own language. */
    static List<Locale.LanguageRange> languages(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private Response cacheable(Request request, byte[] body, int maxAge, boolean varyByLanguage) {
        return respond(request, body, etag(body), maxAge, varyByLanguage);
    }

    private static Response respond(Request request, byte[] body, String etag, int maxAge, boolean varyByLanguage) {
        EntityTag tag = new EntityTag(etag);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(maxAge);
        cache.setPrivate(false);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        response.tag(tag).cacheControl(cache);
        if (varyByLanguage) {
            response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
        return response.build();
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
