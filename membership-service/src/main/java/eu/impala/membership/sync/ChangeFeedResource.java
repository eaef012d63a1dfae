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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The delta feed: an association's members' changes in commit order, to mirror our data back. */
@Path("/api/v1/associations/{associationId}/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Association sync")
public class ChangeFeedResource {

    /** One change: its position, the member, what happened, when, and the member as it was afterwards. */
    public record Change(long seq, UUID memberId, String change, java.time.OffsetDateTime at, JsonNode member) {
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

    public ChangeFeedResource(Pool pool, Callers callers, ObjectMapper json) {
        this.pool = pool;
        this.callers = callers;
        this.json = json;
    }

    @GET
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(summary = "Changes to the association's members since a cursor", description = "In commit order. "
            + "Start without a cursor; keep the returned `next` and pass it on the following call. Cursors stay valid "
            + "across restarts.")
    public Uni<FeedPage> changes(@PathParam("associationId") UUID association, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") Integer limit) {
        callers.current().requireAssociation(association);
        int pageSize = Cursor.limit(limit);
        String after = Cursor.decode(cursor);
        long afterSeq;
        try {
            afterSeq = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
        return pool.preparedQuery("select seq, member_id, change, at, member::text from member_change "
                        + "where association_id = $1 and seq > $2 order by seq limit $3")
                .execute(Tuple.of(association, afterSeq, pageSize + 1))
                .map(rows -> {
                    List<Change> items = new ArrayList<>();
                    for (Row row : rows) {
                        if (items.size() == pageSize) {
                            break;
                        }
                        items.add(new Change(row.getLong(0), row.getUUID(1), row.getString(2), row.getOffsetDateTime(3),
                                read(row.getString(4))));
                    }
                    long last = items.isEmpty() ? afterSeq : items.get(items.size() - 1).seq();
                    return new FeedPage(items, Cursor.encode(Long.toString(last)), rows.size() > pageSize);
                });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
