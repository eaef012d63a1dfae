package eu.impala.notifications.recipient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Received;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * membership's {@code member.merged}: the duplicate's people and signatures are the survivor's from now on, so that
 * every notice that follows reaches them as the survivor's. The contacts themselves move with their own contact events
 * (the directory takes their new member from those); this repoints what only the member event tells: contacts whose
 * event has not come yet, the campaigns the duplicate signed (one row per campaign and member), and the duplicate's
 * own row, kept as MERGED so that no rule addresses it again. Past notifications stay as they were sent.
 */
final class MergedMembers {

    static final String TYPE = "eu.impala.membership.member.merged.v1";
    static final String STATUS = "MERGED";

    private MergedMembers() {
    }

    /** The survivor named by a member.merged, read from the event's own data (the directory's reader has no field). */
    static UUID survivorOf(ObjectMapper json, CloudEvent event) {
        try {
            JsonNode survivor = json.readTree(event.data()).path("survivorId");
            if (!survivor.isTextual()) {
                throw new MalformedEventException("member.merged without survivorId");
            }
            return UUID.fromString(survivor.asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("member.merged whose survivorId is not a UUID");
        }
    }

    /** Applies a round's merges, set-based: a statement per table for all of them. */
    static Uni<?> apply(SqlConnection conn, ObjectMapper json, List<? extends Received<?>> merged,
                        List<UUID> duplicates) {
        if (merged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> survivors = new ArrayList<>(merged.size());
        for (Received<?> r : merged) {
            survivors.add(survivorOf(json, r.event()));
        }
        Tuple pairs = Tuple.of(duplicates.toArray(UUID[]::new), survivors.toArray(UUID[]::new));
        String pair = "unnest($1::uuid[], $2::uuid[]) as p(duplicate, survivor)";
        return conn.preparedQuery("update recipient_contact c set member_id = p.survivor, updated_at = now() from "
                        + pair + " where c.member_id = p.duplicate").execute(pairs)
                .chain(() -> conn.preparedQuery("insert into campaign_signatory (campaign_id, member_id) "
                        + "select s.campaign_id, p.survivor from campaign_signatory s join " + pair
                        + " on s.member_id = p.duplicate on conflict do nothing").execute(pairs))
                .chain(() -> conn.preparedQuery("delete from campaign_signatory where member_id = any($1)")
                        .execute(Tuple.of(duplicates.toArray(UUID[]::new))))
                .chain(() -> conn.preparedQuery("update recipient_member set status = '" + STATUS + "', updated_at = now() "
                        + "where member_id = any($1)").execute(Tuple.of(duplicates.toArray(UUID[]::new))));
    }
}
