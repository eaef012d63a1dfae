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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.http.Versions;
import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.commons.validation.EnumParam;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The secretariat's side of campaigns: drafting, correcting, publishing, closing, archiving. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns (admin)")
@RolesAllowed(Role.PLATFORM_ADMIN)
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
    @Operation(summary = "Draft a campaign", description = "Creates it as DRAFT. With opensAt it publishes itself "
            + "then; with closesAt it closes itself then. A replay with the same Idempotency-Key returns the first "
            + "response and changes nothing; a slug already used is 409.")
    public Uni<Response> create(@Parameter(description = "makes retries safe: a UUID per intended creation")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey,
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
    @Operation(summary = "List campaigns", description = "Every status, newest first, with cursor pagination; "
            + "filter by status and topic.")
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
    @Operation(summary = "Read a campaign", description = "Its ETag is its version, for If-Match on changes.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return store.find(pool, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("campaign " + id))
                .map(CampaignResource::withTag);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct a campaign", description = "While DRAFT or PUBLISHED; the slug only while DRAFT. "
            + "If-Match must carry the ETag read last: 412 when someone changed it since.")
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @NotNull(message = "a campaign is required") @Valid CampaignRequest request) {
        long expected = Versions.required(ifMatch);
        CampaignContent content = request.toContent();
        return campaigns.outbox().inTransaction(conn -> campaigns.revise(conn, id, expected, content))
                .map(CampaignResource::withTag);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a draft", description = "Only a DRAFT; a published campaign is archived instead.")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        return campaigns.outbox().inTransaction(conn -> campaigns.delete(conn, id, expected))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish, close or archive", description = "DRAFT → PUBLISHED → CLOSED → ARCHIVED; 409 names "
            + "the allowed moves. Publishing and closing publish campaign.published / campaign.closed. If-Match is "
            + "optional; when sent, a stale version is 412.")
    public Uni<Response> changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
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
