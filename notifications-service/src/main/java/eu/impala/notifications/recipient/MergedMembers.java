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
 * own row, kept as MERGED so that no rule addresses it again. A duplicate's contact with a survivor's contact's email
 * is dropped by membership: its preferences go into the survivor's contact's first ({@link #MERGE_PREFERENCES}), so
 * an unsubscribe on either stands. Past notifications stay as they were sent.
 *
 * <p>The window: that contact's {@code contact.removed} comes on another topic, through another consumer, and deletes
 * its preference row; if it is applied before this {@code member.merged}, there is nothing left to merge and the
 * duplicate's choices are lost (the survivor's contact keeps its own).
 */
final class MergedMembers {

    static final String TYPE = "eu.impala.membership.member.merged.v1";
    static final String STATUS = "MERGED";

    /**
     * The preferences of the duplicate's contacts that are the survivor's contacts too (the same email, any case):
     * membership drops them, so their choices go into the survivor's contact's row first. Per topic, a channel stays
     * on only if it is on in every row that lists the topic (a topic not listed, or no row at all, is every channel:
     * the defaults), so an unsubscribe on either stands; the digest is the survivor's if it has a row, else the
     * duplicate's; the version moves by one (1 when the row is new). A row that would not change is not touched, so
     * a redelivery changes nothing. $1 the duplicates, $2 their survivors.
     */
    static final String MERGE_PREFERENCES = "with dropped as (select distinct sc.contact_id as target, "
            + "dc.contact_id as contact_id from unnest($1::uuid[], $2::uuid[]) as p(duplicate, survivor) "
            + "join recipient_contact dc on dc.member_id = p.duplicate "
            + "join preference dp on dp.contact_id = dc.contact_id "
            + "join recipient_contact sc on sc.member_id = p.survivor and lower(sc.email) = lower(dc.email) "
            + "and sc.contact_id <> dc.contact_id), "
            + "sides as (select target, contact_id from dropped union select target, target from dropped), "
            + "prefs as (select r.target, pr.contact_id, pr.channels from sides r "
            + "join preference pr on pr.contact_id = r.contact_id), "
            + "keyed as (select p.target, t.topic, count(*) as n from prefs p, jsonb_object_keys(p.channels) t(topic) "
            + "group by p.target, t.topic), "
            + "chans as (select p.target, t.topic, c.channel, count(*) as n from prefs p, "
            + "jsonb_each(p.channels) t(topic, list), jsonb_array_elements_text(t.list) c(channel) "
            + "group by p.target, t.topic, c.channel), "
            + "merged as (select k.target, jsonb_object_agg(k.topic, coalesce((select jsonb_agg(c.channel order by "
            + "c.channel) from chans c where c.target = k.target and c.topic = k.topic and c.n = k.n), '[]'::jsonb)) "
            + "as channels from keyed k group by k.target) "
            + "insert into preference (contact_id, channels, digest, version, updated_at) "
            + "select m.target, m.channels, coalesce(sp.digest, (select dp.digest from dropped s join preference dp "
            + "on dp.contact_id = s.contact_id where s.target = m.target order by dp.contact_id limit 1)), 1, now() "
            + "from merged m left join preference sp on sp.contact_id = m.target "
            + "on conflict (contact_id) do update set channels = excluded.channels, "
            + "version = preference.version + 1, updated_at = now() "
            + "where preference.channels is distinct from excluded.channels";

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
        return conn.preparedQuery(MERGE_PREFERENCES).execute(pairs)
                .chain(() -> conn.preparedQuery("update recipient_contact c set member_id = p.survivor, "
                        + "updated_at = now() from " + pair + " where c.member_id = p.duplicate").execute(pairs))
                .chain(() -> conn.preparedQuery("insert into campaign_signatory (campaign_id, member_id) "
                        + "select s.campaign_id, p.survivor from campaign_signatory s join " + pair
                        + " on s.member_id = p.duplicate on conflict do nothing").execute(pairs))
                .chain(() -> conn.preparedQuery("delete from campaign_signatory where member_id = any($1)")
                        .execute(Tuple.of(duplicates.toArray(UUID[]::new))))
                .chain(() -> conn.preparedQuery("update recipient_member set status = '" + STATUS + "', updated_at = now() "
                        + "where member_id = any($1)").execute(Tuple.of(duplicates.toArray(UUID[]::new))));
    }
}
