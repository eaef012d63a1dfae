package eu.impala.notifications.unsubscribe;

import java.util.EnumSet;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.notifications.announcement.AnnouncementSender;
import eu.impala.notifications.notification.Channel;
import eu.impala.notifications.notification.Templates;
import eu.impala.notifications.preference.Preferences;
import eu.impala.notifications.preference.Topic;
import eu.impala.notifications.rule.CampaignRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a valid unsubscribe token does, whichever way it came (the one-click POST, or a message to the {@code mailto:}
 * mailbox): the token's topic loses EMAIL for the token's contact, and nothing else changes.
 */
@ApplicationScoped
public class Unsubscriptions {

    private final Pool pool;
    private final ObjectMapper json;

    public Unsubscriptions(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Switches the claim's topic's emails off; the contact's language. 410 when the contact is not (or no longer) known. */
    public Uni<String> apply(UnsubscribeTokens.Claim claim) {
        return pool.withTransaction(conn -> language(conn, claim)
                .call(lang -> switchOff(conn, claim).chain(rows -> counted(conn, claim, rows.rowCount())))
                .call(lang -> withdrawWaiting(conn, claim.contactId(), claim.topic())));
    }

    /**
     * The contact's emails of {@code topic} not sent yet (waiting for its daily or weekly digest, or for a retry) are
     * withdrawn: the contact has just said no, and a digest could otherwise still bring a week of news after that.
     * An email already in the hands of a worker (claimed moments ago) may still go out.
     */
    public static Uni<?> withdrawWaiting(SqlClient sql, java.util.UUID contactId, Topic topic) {
        return sql.preparedQuery("delete from notification where recipient = $1 and channel = 'EMAIL' "
                        + "and status in ('PENDING', 'FAILED') and ((kind = $2 and model ->> 'topic' = $3) "
                        + "or ($3 = 'CAMPAIGNS' and kind = $4))")
                .execute(Tuple.of("contact:" + contactId, AnnouncementSender.KIND, topic.name(), CampaignRules.PUBLISHED));
    }

    /**
     * An unsubscribe that changed something, from an announcement's link, counts in that announcement's statistics (a
     * number only: who unsubscribed is not kept there).
     */
    private static Uni<?> counted(SqlClient sql, UnsubscribeTokens.Claim claim, int changed) {
        if (claim.source() == null || changed == 0) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery("update announcement set unsubscribed = unsubscribed + 1 where id = $1")
                .execute(Tuple.of(claim.source()));
    }

    /** The claim's contact's language, for the pages; 410 when the contact is not (or no longer) known. */
    public Uni<String> language(UnsubscribeTokens.Claim claim) {
        return language(pool, claim);
    }

    /**
     * In a transaction the contact's row stays locked until the commit, so an erasure running meanwhile deletes the
     * preference written there too, never leaves it behind.
     */
    private static Uni<String> language(SqlClient sql, UnsubscribeTokens.Claim claim) {
        return sql.preparedQuery("select language from recipient_contact where contact_id = $1 for key share")
                .execute(Tuple.of(claim.contactId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw UnsubscribeTokens.gone();
                    }
                    return Templates.language(rows.iterator().next().getString("language"));
                });
    }

    /**
     * EMAIL out of the topic's channels, in one statement: a contact without preferences gets the defaults less that,
     * one with them loses EMAIL there (its version moves on, so an editor's stale If-Match is refused); when EMAIL
     * is already off nothing is written.
     */
    private Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> switchOff(SqlClient sql,
                                                                                           UnsubscribeTokens.Claim claim) {
        Preferences defaults = Preferences.defaults();
        Map<Topic, java.util.Set<Channel>> channels = new java.util.EnumMap<>(defaults.channels());
        EnumSet<Channel> left = EnumSet.allOf(Channel.class);
        left.remove(Channel.EMAIL);
        channels.put(claim.topic(), left);
        return sql.preparedQuery("insert into preference (contact_id, channels, digest, version, updated_at) "
                        + "values ($1, $2::text::jsonb, $3, 1, now()) on conflict (contact_id) do update set "
                        + "channels = jsonb_set(preference.channels, array[$4::text], "
                        + "coalesce(preference.channels -> $4::text, '[\"EMAIL\", \"IN_APP\", \"WEBHOOK\"]'::jsonb) - 'EMAIL'), "
                        + "version = preference.version + 1, updated_at = now() "
                        + "where jsonb_exists(coalesce(preference.channels -> $4::text, '[\"EMAIL\"]'::jsonb), 'EMAIL')")
                .execute(Tuple.of(claim.contactId(), write(channels), defaults.digest().name(), claim.topic().name()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
