package eu.impala.campaigns.campaign;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.http.Versions;
import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.commons.validation.EnumParam;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The secretariat's side of campaigns: drafting, correcting, publishing, closing, archiving. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns (admin)", description = "The secretariat drafts, corrects, publishes, closes and archives "
        + "campaigns; platform-admin only.")
@RolesAllowed(Role.PLATFORM_ADMIN)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is not the secretariat's (platform-admin).",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CampaignResource {

    private final CampaignService campaigns;
    private final CampaignStore store;
    private final Idempotency idempotency;
    private final Pool pool;
    private final ObjectMapper json;
    private final Callers callers;

    public CampaignResource(CampaignService campaigns, CampaignStore store, Idempotency idempotency, Pool pool,
                            ObjectMapper json, Callers callers) {
        this.campaigns = campaigns;
        this.store = store;
        this.idempotency = idempotency;
        this.pool = pool;
        this.json = json;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCampaign", summary = "Draft a campaign", description = "Creates it as DRAFT. "
            + "With opensAt it publishes itself then; with closesAt it closes itself then. A replay with the same "
            + "Idempotency-Key returns the first response and changes nothing; a slug already used is 409.")
    @APIResponse(responseCode = "201", description = "The draft; Location names it, its ETag is its version.",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Campaign.class),
                    examples = @ExampleObject(name = "draft", value = CampaignExamples.DRAFT)))
    @APIResponse(responseCode = "400", description = "Invalid fields (each named in errors) or unreadable JSON.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another campaign already uses this slug.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "This Idempotency-Key came before with another body.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Parameter(description = "makes retries safe: a UUID per intended creation")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(implementation = CampaignRequest.class),
                                        examples = @ExampleObject(name = "declaration",
                                                value = CampaignExamples.REQUEST)))
                                @NotNull(message = "a campaign is required") @Valid CampaignRequest request) {
        CampaignContent content = request.toContent();
        String actor = callers.current().actor();
        return campaigns.outbox().inTransaction(conn -> idempotency.once(conn, actor + ":create-campaign",
                        idempotencyKey, Idempotency.fingerprint(write(request)),
                        () -> campaigns.draft(conn, actor, content).map(c -> new Idempotency.StoredResponse(201,
                                write(c), "/api/v1/campaigns/" + c.id()))))
                .map(Idempotency.StoredResponse::toResponse);
    }

    @GET
    @Operation(operationId = "listCampaigns", summary = "List campaigns", description = "Every status, newest first, "
            + "with cursor pagination; filter by status and topic.")
    // an annotation cannot name CursorPage<Campaign>: the page's items are typed here
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = Campaign.class)),
                    examples = @ExampleObject(name = "page", value = CampaignExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "An unknown status or topic, a foreign cursor or a limit out "
            + "of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<Campaign>> list(@QueryParam("status") String status, @QueryParam("topic") String topic,
                                          @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int pageSize = Cursor.limit(limit);
        Set<CampaignStatus> statuses = status == null ? EnumSet.allOf(CampaignStatus.class)
                : EnumSet.of(EnumParam.parse(CampaignStatus.class, status, "status"));
        CampaignTopic about = topic == null ? null : EnumParam.parse(CampaignTopic.class, topic, "topic");
        return store.page(pool, statuses, about, false, cursor, pageSize);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCampaign", summary = "Read a campaign", description = "Its ETag is its version, for "
            + "If-Match on changes.")
    @APIResponse(responseCode = "200", description = "The campaign; its ETag is its version.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Campaign.class),
                    examples = @ExampleObject(name = "published", value = CampaignExamples.PUBLISHED)))
    @APIResponse(responseCode = "404", description = "No campaign has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return store.find(pool, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("campaign " + id))
                .map(CampaignResource::withTag);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceCampaign", summary = "Correct a campaign", description = "While DRAFT or "
            + "PUBLISHED; the slug only while DRAFT. If-Match must carry the ETag read last: 412 when someone changed "
            + "it since.")
    @APIResponse(responseCode = "200", description = "The corrected campaign with its new ETag.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Campaign.class),
                    examples = @ExampleObject(name = "corrected", value = CampaignExamples.CORRECTED)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unreadable JSON or an If-Match that is no "
            + "ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No campaign has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign has ended, or the slug of a published one would "
            + "change.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed the campaign since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                         schema = @Schema(implementation = CampaignRequest.class),
                                         examples = @ExampleObject(name = "newGoal",
                                                 value = CampaignExamples.CORRECTION)))
                                 @NotNull(message = "a campaign is required") @Valid CampaignRequest request) {
        long expected = Versions.required(ifMatch);
        CampaignContent content = request.toContent();
        return campaigns.outbox().inTransaction(conn -> campaigns.revise(conn, id, expected, content))
                .map(CampaignResource::withTag);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteCampaign", summary = "Delete a draft", description = "Only a DRAFT; a published "
            + "campaign is archived instead.")
    @APIResponse(responseCode = "204", description = "The draft is gone.")
    @APIResponse(responseCode = "400", description = "If-Match is no ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No campaign has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign is no longer a DRAFT.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed the campaign since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        return campaigns.outbox().inTransaction(conn -> campaigns.delete(conn, id, expected))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeCampaignStatus", summary = "Publish, close or archive", description = "DRAFT → "
            + "PUBLISHED → CLOSED → ARCHIVED; 409 names the allowed moves. Publishing and closing publish "
            + "campaign.published / campaign.closed. If-Match is optional; when sent, a stale version is 412.")
    @APIResponse(responseCode = "200", description = "The campaign in its new status, with its new ETag.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Campaign.class),
                    examples = @ExampleObject(name = "published", value = CampaignExamples.PUBLISHED)))
    @APIResponse(responseCode = "400", description = "No or an unknown status, or an If-Match that is no ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No campaign has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a move the campaign's status allows; detail names those "
            + "it does.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed the campaign since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                      @RequestBody(required = true, content = @Content(
                                              mediaType = MediaType.APPLICATION_JSON,
                                              schema = @Schema(implementation = StatusChangeRequest.class),
                                              examples = @ExampleObject(name = "publish",
                                                      value = "{\"status\": \"PUBLISHED\"}")))
                                      @NotNull(message = "a status change is required") @Valid StatusChangeRequest request) {
        Long expected = ifMatch == null ? null : Versions.required(ifMatch);
        return campaigns.outbox().inTransaction(conn -> campaigns.transition(conn, id, expected, request.status()))
                .map(CampaignResource::withTag);
    }

    static Response withTag(Campaign c) {
        return Response.ok(c).tag(new EntityTag(Long.toString(c.version()))).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
