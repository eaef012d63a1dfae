package eu.impala.membership.sync;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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

import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;

/** An association's sync of its member list, and the runs it keeps. */
@Path("/api/v1/associations/{associationId}/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SyncResource.TAG, description = SyncResource.TAG_DESCRIPTION)
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or not for this association",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SyncResource {

    static final String TAG = "Association sync";
    static final String TAG_DESCRIPTION = "A national association's systems keep its members in step with IMPALA: they "
            + "sync their member list here and follow the delta feed of changes made on our side.";
    private static final String CSV = "text/csv";

    private final SyncService sync;
    private final Callers callers;

    public SyncResource(SyncService sync, Callers callers) {
        this.sync = sync;
        this.callers = callers;
    }

    // one method for both forms: one operation (syncAssociation) in the OpenAPI document, with both media types
    @POST
    @Consumes({MediaType.APPLICATION_JSON, CSV, "application/csv"})
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "syncAssociation", summary = "Sync an association's members (JSON or CSV)",
            description = "JSON: {\"records\": [...]}, at most 10,000 records keyed by the association's externalId, "
            + "each with its contacts. CSV: a header row of externalId,kind,legalName,displayName,country,website,"
            + "vatNumber,headcount,turnoverEur,sizeClass,category,joinedOn,renewalDueOn,contactName,contactEmail,"
            + "contactPhone,contactRole,contactLanguage,contactConsents (consents: granted purposes separated by ';'); "
            + "a further row with the same externalId adds a contact, and problems name the row (the header is row 1). "
            + "mode=upsert (default) creates and updates; mode=snapshot also lapses the ACTIVE members absent from the "
            + "list, and is refused (409) when that is more than 10% of them unless force=true; mode=create-only only "
            + "adds members (a record of a member already known under its externalId is skipped, untouched); "
            + "mode=update-only only updates known members (an unknown externalId is skipped, nothing created). "
            + "dryRun=true returns the full diff and changes nothing. Each record is created, updated, unchanged, "
            + "skipped, moved (its member was moved to another association by the secretariat: the record is not "
            + "applied) or rejected with its field problems; a rejected record never blocks the others. The same "
            + "Idempotency-Key returns the first result.")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                requiredProperties = "records", additionalProperties = Schema.False.class,
                properties = @SchemaProperty(name = "records", type = SchemaType.ARRAY, implementation = SyncRecord.class,
                        maxItems = SyncBatch.MAX_RECORDS)),
                examples = @ExampleObject(name = "records", value = SyncExamples.REQUEST,
                        summary = "Two valid records and one whose country is not an ISO code")),
        @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "rows", value = SyncExamples.CSV_REQUEST)),
        @Content(mediaType = "application/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "What happened to each record (or would, in a dry run); "
            + "Content-Location names the kept run, except in a dry run",
            headers = @Header(name = "Content-Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncResult.class),
                    examples = {@ExampleObject(name = "json", value = SyncExamples.RESULT,
                            summary = "The JSON example's result: two created, one rejected without blocking them"),
                        @ExampleObject(name = "csv", value = SyncExamples.CSV_RESULT,
                                summary = "The CSV example's result: results name their row")}))
    @APIResponse(responseCode = "400", description = "The body as a whole cannot be read: empty, not well-formed, not "
            + "{\"records\": [...]} or with another field, a CSV header with unknown columns; or mode is unknown, or "
            + "the Idempotency-Key is malformed (errors[] names the field)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No ACTIVE national association has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A snapshot would lapse more than 10% of the association's ACTIVE "
            + "members; check the list, or send force=true",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 10,000 records",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is neither application/json nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> sync(@PathParam("associationId") UUID association,
                              @QueryParam("mode") @DefaultValue("upsert")
                              @Parameter(schema = @Schema(type = SchemaType.STRING,
                                      enumeration = {"upsert", "snapshot", "create-only", "update-only"})) String mode,
                              @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                              @QueryParam("force") @DefaultValue("false") boolean force,
                              @Parameter(description = "makes retries safe") @HeaderParam(Idempotency.HEADER) String key,
                              @Context HttpHeaders headers, String body) {
        // no Content-Type is read as JSON, as before the two forms shared one method
        MediaType type = headers.getMediaType();
        boolean csv = type != null && !MediaType.APPLICATION_JSON_TYPE.isCompatible(type);
        return sync.sync(callers.current(), association, new SyncRequest(mode, dryRun, force, key, body, csv))
                .map(stored -> {
                    Response.ResponseBuilder response = Response.status(stored.status()).type(MediaType.APPLICATION_JSON)
                            .entity(stored.body());
                    if (stored.location() != null) {
                        response.header("Content-Location", URI.create(stored.location()));
                    }
                    return response.build();
                });
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "listSyncRuns", summary = "An association's sync runs",
            description = "The applied runs, the latest first: when, by whom, in which mode, and the summary of results. "
            + "Dry runs change nothing and are not kept. Each run's per-record results are at runs/{runId}.")
    @APIResponse(responseCode = "200", description = "A page of runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "items",
                    properties = {
                        @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = SyncRunSummary.class),
                        @SchemaProperty(name = "next", type = SchemaType.STRING,
                                description = "The cursor of the next page; absent on the last page")}),
                    examples = @ExampleObject(name = "runs", value = SyncExamples.RUNS)))
    @APIResponse(responseCode = "400", description = "The limit (1 to 500) or the cursor is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<SyncRunSummary>> runs(@PathParam("associationId") UUID association,
                                                @QueryParam("cursor") String cursor,
                                                @QueryParam("limit") Integer limit) {
        return sync.keptRuns(callers.current(), association, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/runs/{runId}")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "getSyncRun", summary = "A past sync run",
            description = "The summary and per-record results, as returned then.")
    @APIResponse(responseCode = "200", description = "The run's result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncResult.class),
                    examples = @ExampleObject(name = "run", value = SyncExamples.RUN)))
    @APIResponse(responseCode = "404", description = "No run with this id in this association's syncs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> run(@PathParam("associationId") UUID association, @PathParam("runId") UUID runId) {
        return sync.keptRun(callers.current(), association, runId)
                .map(result -> Response.ok(result, MediaType.APPLICATION_JSON).build());
    }
}
