package eu.impala.membership.association;

import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
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
    private final RenewalsDue renewals;

    public AssociationResource(NationalAssociations associations, AssociationQueries queries, Callers callers,
                               RenewalsDue renewals) {
        this.associations = associations;
        this.queries = queries;
        this.callers = callers;
        this.renewals = renewals;
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

    @GET
    @Path("/renewals-due")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "listAssociationRenewalsDue", summary = "The association's members falling due",
            description = "Its ACTIVE members whose renewal date is at most `within` from today (UTC), overdue ones "
            + "(in their grace period; the renewal check lapses them after it) included, by renewal date then member "
            + "id, a page at a time. Their primary contacts are reminded by email before the date.")
    @APIResponse(responseCode = "200", description = "A page of the members falling due, soonest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "items",
                    properties = {
                        @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = RenewalDue.class),
                        @SchemaProperty(name = "next", type = SchemaType.STRING,
                                description = "The cursor of the next page; absent on the last page")}),
                    examples = @ExampleObject(name = "falling due", value = AssociationExamples.RENEWALS_DUE)))
    @APIResponse(responseCode = "400", description = "within is not an ISO-8601 period from P0D to a year, or the "
            + "limit (1 to 500) or the cursor is invalid (errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<RenewalDue>> renewalsDue(@PathParam("associationId") UUID association,
                                                  @Parameter(description = "How far ahead to look, an ISO-8601 period",
                                                          example = "P30D") @QueryParam("within") String within,
                                                  @QueryParam("cursor") String cursor,
                                                  @QueryParam("limit") Integer limit) {
        requireMay(association);
        LocalDate today = RenewalsDue.today();
        Period window = RenewalsDue.within(within, today);
        int pageSize = Cursor.limit(limit);
        return associations.find(association).chain(() -> renewals.list(association, today, window, cursor, pageSize));
    }

    /** Who may is settled before the id is looked up: another association's id is a 403, known or not. */
    private void requireMay(UUID association) {
        callers.current().requireAssociation(association);
    }
}
