package eu.impala.membership.sync;

import java.util.ArrayList;
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
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The delta feed: an association's members' changes in commit order, to mirror our data back. */
@Path("/api/v1/associations/{associationId}/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SyncResource.TAG, description = SyncResource.TAG_DESCRIPTION)
@APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or not for this association",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ChangeFeedResource {

    /** One change: its position, the member, what happened, when, and the member as it was afterwards. */
    public record Change(long seq, UUID memberId,
                         @Schema(enumeration = {"created", "updated", "status-changed", "erased", "left-association"})
                         String change,
                         java.time.OffsetDateTime at,
                         @Schema(implementation = Object.class, type = SchemaType.OBJECT, description = "The member "
                                 + "after the change, as a member reads, with its contacts when the change was to them; "
                                 + "for left-association only its id, for an erased member its id and erased: true")
                         JsonNode member) {
    }

    /**
     * A page of changes. {@code next} is always set: it is where to continue, now or after a restart, even when
     * this page was empty.
     */
    public record FeedPage(List<Change> items, String next, boolean more) {
    }

    private final Pool pool;
    private final Callers callers;
    private final ObjectMapper json;
    private final FeedConfig config;

    public ChangeFeedResource(Pool pool, Callers callers, ObjectMapper json, FeedConfig config) {
        this.pool = pool;
        this.callers = callers;
        this.json = json;
        this.config = config;
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "listAssociationChanges", summary = "Changes to the association's members since a cursor",
            description = "In commit order. Start without a cursor; keep the returned `next` and pass it on the "
            + "following call. Cursors stay valid across restarts, belong to the association's feed (another "
            + "association's is a 400) and last as long as the changes after them are kept "
            + "(impala.membership.feed.retention, 90 days): an older one is a 410 problem, and the client "
            + "resynchronises from the member listing.")
    @APIResponse(responseCode = "200", description = "The changes after the cursor, in commit order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class),
                    examples = @ExampleObject(name = "changes", value = SyncExamples.CHANGES)))
    @APIResponse(responseCode = "400", description = "The cursor is not one of this association's feed, or the limit is "
            + "not 1 to 500 (errors[] names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The changes after this cursor are no longer kept: resynchronise from "
            + "the member listing, then follow the feed from a new cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FeedPage> changes(@PathParam("associationId") UUID association, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") Integer limit) {
        callers.current().requireAssociation(association);
        int pageSize = Cursor.limit(limit);
        long afterSeq = position(association, Cursor.decode(cursor));
        // one round trip: how far the feed has been pruned, beside the page (an empty page still gives that row)
        return pool.preparedQuery("select h.pruned, c.seq, c.member_id, c.change, c.at, c.member::text "
                        + "from (select coalesce(max(pruned_through), 0) as pruned from member_change_horizon "
                        + "where association_id = $1) h left join lateral (select seq, member_id, change, at, member "
                        + "from member_change where association_id = $1 and seq > $2 order by seq limit $3) c on true "
                        + "order by c.seq")
                .execute(Tuple.of(association, afterSeq, pageSize + 1))
                .invoke(rows -> {
                    if (afterSeq < rows.iterator().next().getLong(0)) {
                        throw new ProblemException(410, "feed-cursor-expired", "Gone", "the changes after this cursor "
                                + "are no longer kept (they are kept for " + config.retention().toDays() + " days): "
                                + "resynchronise from the member listing, then follow the feed from a new cursor");
                    }
                })
                .map(rows -> {
                    List<Change> items = new ArrayList<>();
                    int found = 0;
                    for (Row row : rows) {
                        if (row.getValue(1) == null) {
                            continue; // the horizon's row of an empty page
                        }
                        found++;
                        if (items.size() < pageSize) {
                            items.add(new Change(row.getLong(1), row.getUUID(2), row.getString(3),
                                    row.getOffsetDateTime(4), read(row.getString(5))));
                        }
                    }
                    long last = items.isEmpty() ? afterSeq : items.get(items.size() - 1).seq();
                    return new FeedPage(items, Cursor.encode(association + ":" + last), found > pageSize);
                });
    }

    /**
     * The seq a cursor stands for. A cursor names its association ({@code <association>:<seq>}); one issued before
     * cursors did (a bare seq) is taken as the path's association's, so that cursors already given out stay valid.
     */
    static long position(UUID association, String key) {
        if (key == null) {
            return 0;
        }
        String seq = key;
        int colon = key.indexOf(':');
        if (colon >= 0) {
            if (!key.substring(0, colon).equals(association.toString())) {
                throw ProblemException.badRequest("this cursor belongs to another association's feed",
                        List.of(new Problem.FieldError("cursor", "a cursor of another association's feed")));
            }
            seq = key.substring(colon + 1);
        }
        try {
            long position = Long.parseLong(seq);
            if (position < 0) {
                throw Cursor.invalid();
            }
            return position;
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
