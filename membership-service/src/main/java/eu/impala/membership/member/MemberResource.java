package eu.impala.membership.member;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.membership.duplicate.DuplicatePair;
import eu.impala.membership.duplicate.Duplicates;
import io.smallrye.mutiny.Uni;

/** Members: register, read, list, replace, move through the lifecycle, and their history. */
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members", description = "Members of IMPALA, companies and artists: registration, profile, lifecycle and "
        + "history. A member's ETag is its version; a change names the version it was based on in If-Match.")
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MemberResource {

    private final MemberService members;
    private final MemberQueries queries;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Callers callers;
    private final Duplicates duplicates;
    private final MemberMerge merges;

    public MemberResource(MemberService members, MemberQueries queries, Outbox outbox, Idempotency idempotency,
                          ObjectMapper json, Callers callers, Duplicates duplicates, MemberMerge merges) {
        this.duplicates = duplicates;
        this.merges = merges;
        this.members = members;
        this.queries = queries;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.json = json;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "createMember", summary = "Register a member", description = "Creates a member as "
            + "APPLICANT and publishes member.registered. An association-admin may only register members it represents. "
            + "A member that shares a VAT number, website domain or legal name and country with a member of another "
            + "association or a direct member is registered all the same, with a possible-duplicate warning (the "
            + "other member's id only for the secretariat). "
            + "A replay with the same Idempotency-Key returns the first response and changes nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MemberRequest.class),
            examples = @ExampleObject(name = "company", value = MemberExamples.REGISTER)))
    @APIResponse(responseCode = "201", description = "Registered as APPLICANT; Location names it, ETag is its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = {@ExampleObject(name = "registered", value = MemberExamples.REGISTERED),
                        @ExampleObject(name = "registered, possible duplicate", value = MemberExamples.REGISTERED_DUPLICATE,
                                description = "An association's registration that shares keys with a member of another "
                                        + "association: accepted, with a warning that names no other member")}))
    @APIResponse(responseCode = "400", description = "A field is missing, invalid or unknown, or the body is not JSON "
            + "(errors[] names the fields); or the Idempotency-Key is not 1 to 255 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token may not register members, or an association decides "
            + "what is the secretariat's (errors[] names it): a member it does not represent (representedBy), a "
            + "NATIONAL_ASSOCIATION kind or a DIRECT category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another body, or "
            + "representedBy names no ACTIVE national association (errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(
            @Parameter(description = "makes retries safe: a UUID per intended creation")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @NotNull(message = "a member is required") @Valid MemberRequest request) {
        MemberProfile profile = request.toProfile();
        Caller caller = callers.current();
        return outbox.inTransaction(conn -> idempotency.once(conn, caller.subject() + ":register-member",
                        idempotencyKey, Idempotency.fingerprint(write(request)),
                        () -> members.register(conn, caller, profile).map(m -> new Idempotency.StoredResponse(201,
                                write(m), "/api/v1/members/" + m.id()))))
                .map(Idempotency.StoredResponse::toResponse);
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT, Role.MEMBER_ADMIN})
    @Operation(operationId = "listMembers", summary = "List members", description = "In a stable order with cursor "
            + "pagination; filters combine with AND. Association staff and systems see the members they represent, "
            + "member staff their own.")
    @APIResponse(responseCode = "200", description = "A page of members in id order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "items",
                    properties = {
                        @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = MemberView.class),
                        @SchemaProperty(name = "next", type = SchemaType.STRING,
                                description = "The cursor of the next page; absent on the last page"),
                        @SchemaProperty(name = "feedCursor", type = SchemaType.STRING,
                                description = "On the first page of one association's members (an association's token, "
                                        + "or a filter on association): the position of its delta feed taken in the "
                                        + "same snapshot as this page. A mirror reads every page, then follows "
                                        + "GET /api/v1/associations/{associationId}/changes from this cursor; a member "
                                        + "changed meanwhile may show in a later page and again in the feed, and its "
                                        + "version tells which copy is newer")}),
                    examples = @ExampleObject(name = "page", value = MemberExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "A filter, the limit (1 to 500) or the cursor is invalid "
            + "(errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's roles do not allow this, or an association's token "
            + "filters on another association",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MemberPage> list(@Valid @BeanParam MemberFilter filter,
                                            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(callers.current(), filter, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/duplicates")
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(operationId = "listDuplicateMembers", summary = "Pairs of members that look like one",
            description = "The IMPALA secretariat's review list: every pair of members, direct or of any association "
            + "(both of the same association included), that share a VAT number, a website domain, or a legal name in "
            + "a country, each compared as normalised (membership README, \"Duplicate detection\"). Erased members "
            + "are left out, and so is a key shared by more than 50 members. Highest score first, then by the "
            + "members' ids, with cursor pagination.")
    @APIResponse(responseCode = "200", description = "A page of pairs, the highest score first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "items",
                    properties = {
                        @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = DuplicatePair.class),
                        @SchemaProperty(name = "next", type = SchemaType.STRING,
                                description = "The cursor of the next page; absent on the last page")}),
                    examples = @ExampleObject(name = "pairs", value = MemberExamples.DUPLICATES)))
    @APIResponse(responseCode = "400", description = "The limit (1 to 500) or the cursor is invalid (errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only the IMPALA secretariat (platform-admin) reviews duplicates",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<DuplicatePair>> duplicates(@QueryParam("cursor") String cursor,
                                                     @QueryParam("limit") Integer limit) {
        return duplicates.pairs(cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT, Role.MEMBER_ADMIN})
    @Operation(operationId = "getMember", summary = "Read a member",
            description = "Its ETag is its version, for If-Match on changes. A member merged into another answers 308 "
                    + "with the survivor in Location; its history stays readable at /members/{id}/history.")
    @APIResponse(responseCode = "200", description = "The member; ETag is its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = @ExampleObject(name = "member", value = MemberExamples.MEMBER)))
    @APIResponse(responseCode = "308", description = "The member was merged into another: Location names the survivor "
            + "(a problem whose detail names it too). Whether the caller may read the survivor is that request's answer",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "merged", value = MemberExamples.MERGED_REDIRECT)))
    @APIResponse(responseCode = "404", description = "No member with this id that the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return members.find(callers.current(), id).map(m -> m.status == MembershipStatus.MERGED ? mergedAway(m)
                : withTag(m));
    }

    /**
     * A merged member's read goes on to the survivor: a link or a copy kept by anyone still leads to the member. A
     * caller that saw the duplicate learns only the survivor's id, and reads it only if it may.
     */
    private static Response mergedAway(Member m) {
        String survivor = "/api/v1/members/" + m.mergedInto;
        return Response.status(308).location(URI.create(survivor)).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type("merged"), "Permanent Redirect", 308, "member " + m.id
                        + " was merged into member " + m.mergedInto + ": read " + survivor, URI.create("/api/v1/members/"
                        + m.id), List.of()))
                .build();
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(operationId = "mergeMembers", summary = "Merge a duplicate into this member",
            description = "The IMPALA secretariat's answer to a pair of /members/duplicates: the member in the URL "
            + "(the survivor) takes over the duplicate's external references (an association's sync under either "
            + "key updates the survivor) and its contacts (one with an email the survivor has already is dropped; "
            + "the survivor's primary contact stays primary); both histories record the merge; the duplicate ends "
            + "MERGED, naming the survivor in mergedInto, and its read answers 308 to the survivor. member.merged "
            + "tells campaigns and notifications to move signatures and recipients. If-Match carries the survivor's "
            + "ETag and duplicateVersion the duplicate's: both are required (428) and must be current (412).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MergeRequest.class),
            examples = @ExampleObject(name = "merge", value = MemberExamples.MERGE)))
    @APIResponse(responseCode = "200", description = "The survivor as it is now; ETag is its new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = @ExampleObject(name = "merged", value = MemberExamples.MERGED)))
    @APIResponse(responseCode = "400", description = "duplicateId is missing or not a UUID, a field is unknown, the body "
            + "is not JSON (errors[] names it), or If-Match is not an ETag of this API",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No member with the survivor's or the duplicate's id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Either member is MERGED or erased already, or changed "
            + "association while the merge waited",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match or duplicateVersion names an older version: someone "
            + "changed that member since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The same member twice, members of different kinds, or a "
            + "national association (errors[] names duplicateId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match or duplicateVersion is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> merge(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                               @NotNull(message = "a merge is required") @Valid MergeRequest request) {
        long expected = Versions.required(ifMatch);
        Caller caller = callers.current();
        return outbox.inTransaction(conn -> merges.merge(conn, caller, id, expected, request))
                .map(MemberResource::withTag);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "updateMember", summary = "Replace a member's profile", description = "If-Match must "
            + "carry the ETag read last; 412 when someone changed the member since. Sending the same profile changes "
            + "nothing. The secretariat moves a member by changing representedBy (only to an ACTIVE national "
            + "association): the former association's sync keys for it are retired, and the new association adopts it "
            + "by sending its memberId with a record. With If-None-Match: * instead, the secretariat registers a new "
            + "member (APPLICANT) under this id, e.g. a national association under the association_id its tokens carry; "
            + "412 when the id is taken.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MemberRequest.class),
            examples = @ExampleObject(name = "company", value = MemberExamples.REPLACE)))
    @APIResponse(responseCode = "200", description = "The member as it is now; ETag is its new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = @ExampleObject(name = "replaced", value = MemberExamples.REPLACED)))
    @APIResponse(responseCode = "201", description = "With If-None-Match: *, registered as APPLICANT under this id; "
            + "Location names it, ETag is its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = @ExampleObject(name = "registered", value = MemberExamples.REGISTERED)))
    @APIResponse(responseCode = "400", description = "A field is missing, invalid or unknown (errors[] names it), or "
            + "If-Match is not an ETag of this API, or If-None-Match is other than * or sent with If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token may not change this member, or an association decides "
            + "what is the secretariat's (errors[] names it): moving it to another association, making or unmaking a "
            + "NATIONAL_ASSOCIATION or a DIRECT member, or changing the association's own record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No member with this id that the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The member changed association meanwhile (read it and retry), or "
            + "was merged into another member (detail names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version: someone changed the member "
            + "since; or, with If-None-Match: *, a member with this id exists already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "representedBy names no ACTIVE national association "
            + "(errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Neither If-Match nor If-None-Match: * is sent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @Parameter(description = "* registers a new member under this id (the secretariat's)")
                                 @HeaderParam("If-None-Match") String ifNoneMatch,
                                 @NotNull(message = "a member is required") @Valid MemberRequest request) {
        Caller caller = callers.current();
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.strip().equals("*") || ifMatch != null) {
                throw ProblemException.badRequest("If-None-Match: * registers a member under this id; it takes no "
                        + "other value and no If-Match", List.of(new Problem.FieldError("If-None-Match", "must be *, "
                        + "without If-Match")));
            }
            return outbox.inTransaction(conn -> members.registerAs(conn, caller, id, request.toProfile()))
                    .map(m -> Response.created(URI.create("/api/v1/members/" + m.id())).entity(m)
                            .tag(new EntityTag(Long.toString(m.version()))).build());
        }
        long expected = Versions.required(ifMatch);
        return outbox.inTransaction(conn -> members.update(conn, caller, id, expected, request.toProfile()))
                .map(MemberResource::withTag);
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(operationId = "changeMemberStatus", summary = "Move a member through its lifecycle",
            description = "APPLICANT → ACTIVE ⇄ SUSPENDED, ACTIVE → LAPSED, LAPSED → ACTIVE (renewal), any → "
            + "TERMINATED (final). 409 names the allowed moves. A move to ACTIVE from LAPSED or SUSPENDED sets a new "
            + "renewal date: renewalDueOn when given (after today), else the old date moved on by whole membership "
            + "periods (impala.membership.renewal.period, a year by default) until it is after today. "
            + "If-Match is optional here; when sent, a stale version is 412.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusChangeRequest.class),
            examples = @ExampleObject(name = "admission", value = MemberExamples.STATUS_CHANGE)))
    @APIResponse(responseCode = "200", description = "The member in its new status; ETag is its new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = @ExampleObject(name = "admitted", value = MemberExamples.STATUS_CHANGED)))
    @APIResponse(responseCode = "400", description = "status or reason is missing or invalid (errors[] names it), or "
            + "If-Match is not an ETag of this API",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No member with this id that the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The move is not allowed from the member's status (detail names the "
            + "allowed ones), or the member changed association meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version: someone changed the member since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "renewalDueOn is not after today, or comes with a status other "
            + "than ACTIVE (errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                      @NotNull(message = "a status change is required") @Valid StatusChangeRequest request) {
        Long expected = ifMatch == null ? null : Versions.required(ifMatch);
        Caller caller = callers.current();
        return outbox.inTransaction(conn -> members.transition(conn, caller, id, expected, request.status(),
                        request.reason().strip(), request.renewalDueOn()))
                .map(MemberResource::withTag);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(operationId = "getMemberHistory", summary = "A member's history", description = "Every change to the "
            + "member and its contacts, oldest first: who (the token's subject), when, which fields before and after, "
            + "and why.")
    @APIResponse(responseCode = "200", description = "A page of the member's history, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "items",
                    properties = {
                        @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                implementation = MemberQueries.HistoryEntry.class),
                        @SchemaProperty(name = "next", type = SchemaType.STRING,
                                description = "The cursor of the next page; absent on the last page")}),
                    examples = @ExampleObject(name = "history", value = MemberExamples.HISTORY)))
    @APIResponse(responseCode = "400", description = "The limit (1 to 500) or the cursor is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No member with this id that the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<MemberQueries.HistoryEntry>> history(@PathParam("id") UUID id,
                                                               @QueryParam("cursor") String cursor,
                                                               @QueryParam("limit") Integer limit) {
        int pageSize = Cursor.limit(limit);
        return members.find(callers.current(), id).chain(m -> queries.history(m.id, cursor, pageSize));
    }

    static Response withTag(Member m) {
        return Response.ok(MemberView.of(m)).tag(new EntityTag(Long.toString(m.version))).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
