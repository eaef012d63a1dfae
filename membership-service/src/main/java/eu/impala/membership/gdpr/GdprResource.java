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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.membership.contact.ContactView;
import eu.impala.membership.member.MemberView;
import io.smallrye.mutiny.Uni;

/** GDPR requests about a member and its contacts. */
@Path("/api/v1/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "GDPR", description = "Data subjects' requests about a member and its contact persons: export everything "
        + "held about them, erase a contact person or an artist member.")
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No member with this id that the caller may see",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
    @Operation(operationId = "exportMemberData", summary = "Export everything held about a member",
            description = "Profile, external keys, contacts with their consents, the full history and the delta-feed "
            + "entries, as JSON.")
    @APIResponse(responseCode = "200", description = "The export, as an attachment (member-{memberId}-export.json)",
            headers = @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = {"exportedAt", "member", "externalReferences", "contacts", "history",
                        "associationFeed"},
                    properties = {
                        @SchemaProperty(name = "exportedAt", type = SchemaType.STRING, format = "date-time"),
                        @SchemaProperty(name = "member", implementation = MemberView.class),
                        @SchemaProperty(name = "externalReferences", type = SchemaType.ARRAY,
                                description = "The keys associations hold the member under: associationId, externalId"),
                        @SchemaProperty(name = "contacts", type = SchemaType.ARRAY, implementation = ContactView.class),
                        @SchemaProperty(name = "history", type = SchemaType.ARRAY, description = "Every recorded change, "
                                + "oldest first: at, actor, subject, subjectId, action, reason, changes"),
                        @SchemaProperty(name = "associationFeed", type = SchemaType.ARRAY, description = "The member's "
                                + "entries in associations' delta feeds: seq, associationId, change, at")}),
                    examples = @ExampleObject(name = "export", value = GdprExamples.EXPORT)))
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
    @Operation(operationId = "eraseMemberContact", summary = "Erase a contact person (GDPR)",
            description = "Removes the person's data here, in the history and the delta feed, and publishes "
            + "contact.erased so the other services do the same.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No such member that the caller may see, or no such contact of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> eraseContact(@PathParam("memberId") UUID memberId, @PathParam("contactId") UUID contactId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> gdpr.eraseContact(conn, caller, memberId, contactId))
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/erase")
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(operationId = "eraseMember", summary = "Erase an artist member (GDPR)", description = "Only for ARTIST "
            + "members, who are natural persons: name and personal details are removed here and member.erased / "
            + "contact.erased are published. The anonymised record stays so that counts remain right. Erasing an "
            + "erased member again changes nothing.")
    @APIResponse(responseCode = "204", description = "Erased (or erased already)")
    @APIResponse(responseCode = "409", description = "The member is not an ARTIST: a company's contact persons are erased "
            + "one by one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> eraseMember(@PathParam("memberId") UUID memberId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> gdpr.eraseMember(conn, caller, memberId))
                .map(v -> Response.noContent().build());
    }
}
