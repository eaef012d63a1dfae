package eu.impala.membership.association;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.membership.member.MemberView;
import eu.impala.membership.member.NationalAssociations;
import io.smallrye.mutiny.Uni;

/** A national association's own view of itself: its profile as a member, and a summary of where it stands. */
@Path("/api/v1/associations/{associationId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = AssociationResource.TAG, description = "National associations are members of kind NATIONAL_ASSOCIATION; "
        + "the association_id of an association's tokens names one. Its staff and its systems read its profile and a "
        + "summary here; the secretariat registers one under its id with PUT /api/v1/members/{id} and If-None-Match: *.")
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or not for this association",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No national association has this id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AssociationResource {

    static final String TAG = "National associations";

    private final NationalAssociations associations;
    private final AssociationQueries queries;
    private final Callers callers;

    public AssociationResource(NationalAssociations associations, AssociationQueries queries, Callers callers) {
        this.associations = associations;
        this.queries = queries;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "getAssociation", summary = "A national association's profile",
            description = "The association as a member, whatever its status; its ETag is its version. The secretariat "
            + "reads any association, an association's staff and systems their own.")
    @APIResponse(responseCode = "200", description = "The association; ETag is its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class),
                    examples = @ExampleObject(name = "association", value = AssociationExamples.PROFILE)))
    public Uni<Response> profile(@PathParam("associationId") UUID association) {
        requireMay(association);
        return associations.find(association).map(m -> Response.ok(MemberView.of(m))
                .tag(new EntityTag(Long.toString(m.version))).build());
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "getAssociationSummary", summary = "Where a national association stands",
            description = "Its members by status (every status, with its count), its last " + AssociationQueries.LAST_RUNS
            + " kept sync runs newest first, and its delta feed's latest position with a cursor to follow it from.")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AssociationSummary.class),
                    examples = @ExampleObject(name = "summary", value = AssociationExamples.SUMMARY)))
    public Uni<AssociationSummary> summary(@PathParam("associationId") UUID association) {
        requireMay(association);
        return associations.find(association).chain(() -> queries.summary(association));
    }

    /** Who may is settled before the id is looked up: another association's id is a 403, known or not. */
    private void requireMay(UUID association) {
        callers.current().requireAssociation(association);
    }
}
