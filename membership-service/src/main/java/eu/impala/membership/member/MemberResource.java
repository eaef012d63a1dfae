package eu.impala.membership.member;

import java.net.URI;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.http.Versions;
import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;

/** Members: register, read, list, replace, move through the lifecycle, and their history. */
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final MemberService members;
    private final MemberQueries queries;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Callers callers;

    public MemberResource(MemberService members, MemberQueries queries, Outbox outbox, Idempotency idempotency,
                          ObjectMapper json, Callers callers) {
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
    @Operation(summary = "Register a member", description = "Creates a member as APPLICANT and publishes "
            + "member.registered. An association-admin may only register members it represents. A replay with the "
            + "same Idempotency-Key returns the first response and changes nothing.")
    public Uni<Response> register(
            @Parameter(description = "makes retries safe: a UUID per intended creation")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @NotNull(message = "a member is required") @Valid MemberRequest request) {
        MemberProfile profile = request.toProfile();
        Caller caller = callers.current();
        return outbox.inTransaction(conn -> idempotency.once(conn, caller.subject() + ":register-member",
                        idempotencyKey, Idempotency.fingerprint(write(request)),
                        () -> members.register(conn, caller, profile).map(m -> new Idempotency.StoredResponse(201,
                                write(MemberView.of(m)), "/api/v1/members/" + m.id))))
                .map(Idempotency.StoredResponse::toResponse);
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT, Role.MEMBER_ADMIN})
    @Operation(summary = "List members", description = "In a stable order with cursor pagination; filters combine "
            + "with AND. Association staff and systems see the members they represent, member staff their own.")
    public Uni<CursorPage<MemberView>> list(@Valid @BeanParam MemberFilter filter,
                                            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(callers.current(), filter, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT, Role.MEMBER_ADMIN})
    @Operation(summary = "Read a member", description = "Its ETag is its version, for If-Match on changes.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return members.find(callers.current(), id).map(MemberResource::withTag);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(summary = "Replace a member's profile", description = "If-Match must carry the ETag read last; 412 "
            + "when someone changed the member since. Sending the same profile changes nothing.")
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @NotNull(message = "a member is required") @Valid MemberRequest request) {
        long expected = Versions.required(ifMatch);
        Caller caller = callers.current();
        return outbox.inTransaction(conn -> members.update(conn, caller, id, expected, request.toProfile()))
                .map(MemberResource::withTag);
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(summary = "Move a member through its lifecycle", description = "APPLICANT → ACTIVE ⇄ SUSPENDED, "
            + "ACTIVE → LAPSED, LAPSED → ACTIVE (renewal), any → TERMINATED (final). 409 names the allowed moves. "
            + "If-Match is optional here; when sent, a stale version is 412.")
    public Uni<Response> changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                      @NotNull(message = "a status change is required") @Valid StatusChangeRequest request) {
        Long expected = ifMatch == null ? null : Versions.required(ifMatch);
        Caller caller = callers.current();
        return outbox.inTransaction(conn -> members.transition(conn, caller, id, expected, request.status(),
                        request.reason().strip()))
                .map(MemberResource::withTag);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(summary = "A member's history", description = "Every change to the member and its contacts, oldest "
            + "first: who (the token's subject), when, which fields before and after, and why.")
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
