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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.http.Versions;
import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;

/** The contact persons of a member. */
@Path("/api/v1/members/{memberId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
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
    @Operation(summary = "A member's contacts")
    public Uni<List<ContactView>> list(@PathParam("memberId") UUID memberId) {
        var caller = callers.current();
        return outbox.inTransaction(conn -> contacts.list(conn, caller, memberId))
                .map(list -> list.stream().map(ContactView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(summary = "Add a contact", description = "One PRIMARY contact per member and one contact per email "
            + "(409 otherwise). Publishes contact.added.")
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
    @Operation(summary = "Replace a contact", description = "If-Match carries the contact's ETag; 412 when stale.")
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
    @Operation(summary = "Remove a contact", description = "If-Match carries the contact's ETag. Publishes contact.removed.")
    public Uni<Response> remove(@PathParam("memberId") UUID memberId, @PathParam("contactId") UUID contactId,
                                @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        var caller = callers.current();
        return outbox.inTransaction(conn -> contacts.remove(conn, caller, memberId, contactId, expected))
                .map(v -> Response.noContent().build());
    }
}
