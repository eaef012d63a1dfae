package eu.impala.notifications.recipient;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import eu.impala.notifications.webhook.WebhookRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The people notifications writes to, kept from membership's contact events through the inbox. A removed
 * contact is forgotten; an erased one also leaves no address, name or text in the delivery log.
 */
@ApplicationScoped
public class ContactDirectory {

    static final String CONSUMER = "notifications.contact-directory";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final WebhookRules webhooks;

    public ContactDirectory(Inbox inbox, ObjectMapper json, WebhookRules webhooks) {
        this.inbox = inbox;
        this.json = json;
        this.webhooks = webhooks;
    }

    @Incoming("membership-contacts")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.receiveSql(CONSUMER, record, json, ContactEvent.class, this::apply);
    }

    Uni<?> apply(SqlConnection conn, CloudEvent event, ContactEvent e) {
        if (e.contactId() == null || e.memberId() == null) {
            throw new MalformedEventException(event.type() + " without memberId or contactId");
        }
        return webhooks.fanOut(conn, event, e.memberId()).chain(() -> switch (event.type()) {
            case ContactEvent.ADDED, ContactEvent.UPDATED -> upsert(conn, e);
            case ContactEvent.REMOVED -> forget(conn, e.contactId());
            case ContactEvent.ERASED -> erase(conn, e.contactId()).chain(() -> forget(conn, e.contactId()));
            default -> Uni.createFrom().voidItem();
        });
    }

    private Uni<?> upsert(SqlConnection conn, ContactEvent e) {
        if (e.email() == null) {
            throw new MalformedEventException("contact " + e.contactId() + " without email");
        }
        String consents;
        try {
            consents = json.writeValueAsString(e.consents() == null ? Map.of() : e.consents());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new MalformedEventException("unreadable consents of contact " + e.contactId());
        }
        return conn.preparedQuery("insert into recipient_contact (contact_id, member_id, name, email, language, role, "
                        + "consents, updated_at) values ($1, $2, $3, $4, coalesce($5, 'en'), $6, $7::text::jsonb, now()) "
                        + "on conflict (contact_id) do update set member_id = excluded.member_id, name = excluded.name, "
                        + "email = excluded.email, language = excluded.language, role = excluded.role, "
                        + "consents = excluded.consents, updated_at = now()")
                .execute(Tuple.from(java.util.Arrays.asList(e.contactId(), e.memberId(), e.name(), e.email(),
                        e.language(), e.role(), consents)));
    }

    private static Uni<?> forget(SqlConnection conn, UUID contactId) {
        return conn.preparedQuery("delete from recipient_contact where contact_id = $1").execute(Tuple.of(contactId))
                .chain(() -> conn.preparedQuery("delete from preference where contact_id = $1").execute(Tuple.of(contactId)));
    }

    /**
     * Removes the personal data of the notifications that went to a contact, as a contact or as its member's
     * primary contact: address, texts, model and errors go; the rows stay, so the counts stay.
     */
    static Uni<?> erase(SqlConnection conn, UUID contactId) {
        return conn.preparedQuery(erasing("recipient = $1 or address = (select email from recipient_contact where "
                        + "contact_id = $2) or (channel = 'WEBHOOK' and model -> 'data' ->> 'contactId' = $3)"))
                .execute(Tuple.of("contact:" + contactId, contactId, contactId.toString()));
    }

    /** Erases every notification about a member: its contacts' emails, its users' and its own notices. */
    public static Uni<?> eraseMember(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("delete from recipient_contact where member_id = $1").execute(Tuple.of(memberId))
                .chain(() -> conn.preparedQuery(erasing("member_id = $1 or recipient = $2"))
                        .execute(Tuple.of(memberId, "member:" + memberId)));
    }

    /**
     * One statement that strips the notifications matching {@code condition} and the errors of their delivery
     * attempts, and touches no other row: two erasures running at once (a contact's and a member's, on two channels)
     * must not lock each other's rows, or they deadlock.
     */
    private static String erasing(String condition) {
        return "with erased as (update notification set address = null, subject = null, body = null, model = '{}', "
                + "last_error = null, recipient = 'erased:' || id where " + condition + " returning id) "
                + "update delivery_attempt a set error = null from erased where a.notification_id = erased.id "
                + "and a.error is not null";
    }
}
