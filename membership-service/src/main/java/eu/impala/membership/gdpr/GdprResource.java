package eu.impala.membership.gdpr;


import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;

/** GDPR requests about a member and its contacts. */
@Path("/api/v1/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "GDPR")
public class GdprResource {

    private final GdprService gdpr;
    private final Outbox outbox;
    private final Callers callers;

    public GdprResource(GdprService gdpr, Outbox outbox, Callers callers) {
        this.gdpr = gdpr;
        this.outbox = outbox;
        this.callers = callers;
    }

    @GET
    @Path("/export")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(summary = "Export everything held about a member", description = "Profile, external keys, contacts "
            + "with their consents, the full history and the delta-feed entries, as JSON.")
    public Uni<Response> export(@PathParam("memberId") UUID memberId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> gdpr.export(conn, caller, memberId))
                .map(body -> Response.ok(body)
                        .header("Content-Disposition", "attachment; filename=\"member-" + memberId + "-export.json\"")
                        .build());
    }

    @POST
    @Path("/contacts/{contactId}/erase")
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(summary = "Erase a contact person (GDPR)", description = "Removes the person's data here, in the "
            + "history and the delta feed, and publishes contact.erased so the other services do the same.")
    public Uni<Response> eraseContact(@PathParam("memberId") UUID memberId, @PathParam("contactId") UUID contactId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> gdpr.eraseContact(conn, caller, memberId, contactId))
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/erase")
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(summary = "Erase an artist member (GDPR)", description = "Only for ARTIST members, who are natural "
            + "persons: name and personal details are removed here and member.erased / contact.erased are published. "
            + "The anonymised record stays so that counts remain right.")
    public Uni<Response> eraseMember(@PathParam("memberId") UUID memberId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> gdpr.eraseMember(conn, caller, memberId))
                .map(v -> Response.noContent().build());
    }

}
