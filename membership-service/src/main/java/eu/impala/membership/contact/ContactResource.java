package eu.impala.membership.contact;

import java.net.URI;
import java.util.List;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.http.Versions;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;

/** The contact persons of a member. */
@Path("/api/v1/members/{memberId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "A member's contact persons with their role, language and consents. A contact's "
        + "ETag is its version; a change names it in If-Match. Each change is a change of the member too (new version, "
        + "history, delta feed).")
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No member with this id that the caller may see",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ContactResource {

    private final ContactService contacts;
    private final Outbox outbox;
    private final Callers callers;

    public ContactResource(ContactService contacts, Outbox outbox, Callers callers) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(operationId = "listMemberContacts", summary = "A member's contacts")
    @APIResponse(responseCode = "200", description = "The member's contacts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ContactView.class),
                    examples = @ExampleObject(name = "contacts", value = ContactExamples.CONTACTS)))
    public Uni<List<ContactView>> list(@PathParam("memberId") UUID memberId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> contacts.list(conn, caller, memberId))
                .map(list -> list.stream().map(ContactView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(operationId = "addMemberContact", summary = "Add a contact", description = "One PRIMARY contact per "
            + "member and one contact per email (409 otherwise). Publishes contact.added.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactRequest.class),
            examples = @ExampleObject(name = "primary", value = ContactExamples.ADD)))
    @APIResponse(responseCode = "201", description = "Added; Location names the contact, ETag is its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactView.class),
                    examples = @ExampleObject(name = "added", value = ContactExamples.ADDED)))
    @APIResponse(responseCode = "400", description = "A field is missing, invalid or unknown, or the body is not JSON "
            + "(errors[] names the fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token may not change this member's contacts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The member already has a contact with this email, or already has a "
            + "PRIMARY contact, or was merged into another member (detail names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(@PathParam("memberId") UUID memberId,
                             @NotNull(message = "a contact is required") @Valid ContactRequest request) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> contacts.add(conn, caller, memberId, request))
                .map(c -> Response.created(URI.create("/api/v1/members/" + memberId + "/contacts/" + c.id()))
                        .entity(ContactView.of(c)).tag(new EntityTag(Long.toString(c.version()))).build());
    }

    @PUT
    @Path("/{contactId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(operationId = "updateMemberContact", summary = "Replace a contact",
            description = "If-Match carries the contact's ETag; 412 when stale. Consents keep their time and source "
            + "while their answer stays the same.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactRequest.class),
            examples = @ExampleObject(name = "newsletters", value = ContactExamples.REPLACE)))
    @APIResponse(responseCode = "200", description = "The contact as it is now; ETag is its new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactView.class),
                    examples = @ExampleObject(name = "replaced", value = ContactExamples.REPLACED)))
    @APIResponse(responseCode = "400", description = "A field is missing, invalid or unknown (errors[] names it), or "
            + "If-Match is not an ETag of this API",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token may not change this member's contacts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such member that the caller may see, or no such contact of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another contact of the member has this email, or is PRIMARY already, "
            + "or the member was merged into another (detail names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version of the contact",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("memberId") UUID memberId, @PathParam("contactId") UUID contactId,
                                 @HeaderParam("If-Match") String ifMatch,
                                 @NotNull(message = "a contact is required") @Valid ContactRequest request) {
        long expected = Versions.required(ifMatch);
        var caller = callers.current();
        return outbox.inTransaction(conn -> contacts.replace(conn, caller, memberId, contactId, expected, request))
                .map(c -> Response.ok(ContactView.of(c)).tag(new EntityTag(Long.toString(c.version()))).build());
    }

    @DELETE
    @Path("/{contactId}")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(operationId = "removeMemberContact", summary = "Remove a contact",
            description = "If-Match carries the contact's ETag. Publishes contact.removed.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "If-Match is not an ETag of this API",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token may not change this member's contacts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such member that the caller may see, or no such contact of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The member was merged into another (detail names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version of the contact",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> remove(@PathParam("memberId") UUID memberId, @PathParam("contactId") UUID contactId,
                                @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        var caller = callers.current();
        return outbox.inTransaction(conn -> contacts.remove(conn, caller, memberId, contactId, expected))
                .map(v -> Response.noContent().build());
    }
}
