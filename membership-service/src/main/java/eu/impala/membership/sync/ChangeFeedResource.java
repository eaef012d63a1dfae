package eu.impala.membership.sync;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.membership.member.NationalAssociations;
import io.smallrye.mutiny.Uni;

/** The delta feed: an association's members' changes in commit order, to mirror our data back. */
@Path("/api/v1/associations/{associationId}/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SyncResource.TAG, description = SyncResource.TAG_DESCRIPTION)
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or not for this association",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ChangeFeedResource {

    /** One change: its position, the member, what happened, when, and the member as it is now. */
    public record Change(long seq, UUID memberId,
                         @Schema(enumeration = {"created", "updated", "status-changed", "erased", "left-association"})
                         String change,
                         java.time.OffsetDateTime at,
                         @Schema(implementation = Object.class, type = SchemaType.OBJECT, description = "The member "
                                 + "as it is now (when the feed is read), as a member reads, with its contacts (each consent only "
                                 + "granted or not: when and through whom stays with the contacts API); its version "
                                 + "tells a newer copy from an older one. Only its id when the association no longer "
                                 + "represents it (left-association, and its earlier entries); for an erased member its "
                                 + "id and erased: true")
                         JsonNode member) {
    }

    /**
     * A page of changes. {@code next} is always set: it is where to continue, now or after a restart, even when
     * this page was empty.
     */
    public record FeedPage(List<Change> items, String next, boolean more) {
    }

    private final ChangeFeed feed;
    private final Callers callers;
    private final NationalAssociations associations;

    public ChangeFeedResource(ChangeFeed feed, Callers callers, NationalAssociations associations) {
        this.feed = feed;
        this.callers = callers;
        this.associations = associations;
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "listAssociationChanges", summary = "Changes to the association's members since a cursor",
            description = "In commit order, each entry with the member as it is now. Start with the `feedCursor` "
            + "of the member listing's first page (or without a cursor: the changes of the last 90 days); keep "
            + "the returned `next` and pass it on the following call. Cursors stay valid across restarts, belong to "
            + "the association's feed (another association's is a 400) and can be followed for "
            + "impala.membership.feed.retention (90 days): a cursor whose next change is older is a 410 problem, "
            + "and the client resynchronises from the member listing.")
    @APIResponse(responseCode = "200", description = "The changes after the cursor, in commit order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class),
                    examples = @ExampleObject(name = "changes", value = SyncExamples.CHANGES)))
    @APIResponse(responseCode = "400", description = "The cursor is not one of this association's feed, or the limit is "
            + "not 1 to 500 (errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No ACTIVE national association has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The changes after this cursor are no longer kept: resynchronise from "
            + "the member listing, then follow the feed from a new cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FeedPage> changes(@PathParam("associationId") UUID association, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") Integer limit) {
        callers.current().requireAssociation(association);
        int pageSize = Cursor.limit(limit);
        return associations.requireActive(association).chain(() -> feed.page(association, cursor, pageSize));
    }
}
