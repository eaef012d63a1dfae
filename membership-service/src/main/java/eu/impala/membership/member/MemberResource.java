package eu.impala.membership.member;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Members: register and read. */
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final MemberService members;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Callers callers;

    public MemberResource(MemberService members, Outbox outbox, Idempotency idempotency, ObjectMapper json, Callers callers) {
        this.members = members;
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
        Caller who = callers.current();
        return outbox.transactional(() -> idempotency.once(who.subject() + ":register-member", idempotencyKey,
                        Idempotency.fingerprint(write(request)),
                        () -> members.register(who, profile).map(m -> new Idempotency.StoredResponse(201,
                                write(MemberView.of(m)), "/api/v1/members/" + m.id))))
                .map(this::replay);
    }

    @GET
    @Path("/{id}")
    @WithSession
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT, Role.MEMBER_ADMIN})
    @Operation(summary = "Read a member", description = "Its ETag is its version, for If-Match on changes.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return members.find(callers.current(), id)
                .map(m -> Response.ok(MemberView.of(m)).tag(new jakarta.ws.rs.core.EntityTag(Long.toString(m.version)))
                        .build());
    }

    private Response replay(Idempotency.StoredResponse stored) {
        Response.ResponseBuilder response = Response.status(stored.status()).type(MediaType.APPLICATION_JSON)
                .entity(stored.body());
        if (stored.location() != null) {
            response.location(URI.create(stored.location()));
        }
        try {
            long version = json.readTree(stored.body()).path("version").asLong(0);
            if (version > 0) {
                response.header("ETag", Versions.etag(version));
            }
        } catch (JsonProcessingException ignored) {
            // a stored body is always our own JSON
        }
        return response.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
