package eu.impala.notifications.recipient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.Inbox;
import eu.impala.commons.inbox.InboxConsumer;
import eu.impala.commons.inbox.Received;
import eu.impala.notifications.webhook.WebhookRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The people notifications writes to, kept from membership's contact events through the inbox, a batch at a time. A
 * removed contact is forgotten; an erased one also leaves no address, name or text in the delivery log.
 */
@ApplicationScoped
public class ContactDirectory extends InboxConsumer<ContactEvent> {

    static final String CONSUMER = "notifications.contact-directory";

    private final ObjectMapper json;
    private final WebhookRules webhooks;

    public ContactDirectory(Inbox inbox, ObjectMapper json, WebhookRules webhooks) {
        super(CONSUMER, ContactEvent.class, inbox, json);
        this.json = json;
        this.webhooks = webhooks;
    }

    @Incoming("membership-contacts")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return receive(records);
    }

    @Override
    public void check(CloudEvent event, ContactEvent e) {
        if (e.contactId() == null || e.memberId() == null) {
            throw new MalformedEventException(event.type() + " without memberId or contactId");
        }
        if ((ContactEvent.ADDED.equals(event.type()) || ContactEvent.UPDATED.equals(event.type())) && e.email() == null) {
            throw new MalformedEventException("contact " + e.contactId() + " without email");
        }
    }

    /** The topic is keyed by member; what must stay in order is each contact's own events. */
    @Override
    public String orderKey(Received<ContactEvent> received) {
        return received.data().contactId().toString();
    }

    @Override
    public Uni<?> apply(SqlConnection conn, List<Received<ContactEvent>> round) {
        List<ContactEvent> upserts = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        List<UUID> erased = new ArrayList<>();
        for (Received<ContactEvent> r : round) {
            switch (r.type()) {
                case ContactEvent.ADDED, ContactEvent.UPDATED -> upserts.add(r.data());
                case ContactEvent.REMOVED -> removed.add(r.data().contactId());
                case ContactEvent.ERASED -> erased.add(r.data().contactId());
                default -> {
                    // only told to the webhooks
                }
            }
        }
        // the member's association hears of every contact event, before the directory forgets an erased contact
        removed.addAll(erased);
        return webhooks.fanOut(conn, round.stream().map(Received::event).toList(),
                        round.stream().map(r -> r.data().memberId()).toList())
                .chain(() -> upsert(conn, upserts))
                .chain(() -> eraseAll(conn, erased))
                .chain(() -> forget(conn, removed));
    }

    private static Uni<?> eraseAll(SqlConnection conn, List<UUID> contacts) {
        Uni<?> chain = Uni.createFrom().voidItem();
        for (UUID contact : contacts) {
            chain = chain.chain(() -> erase(conn, contact));
        }
        return chain;
    }

    private Uni<?> upsert(SqlConnection conn, List<ContactEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] contacts = new UUID[n];
        UUID[] members = new UUID[n];
        String[][] text = new String[5][n];
        for (int i = 0; i < n; i++) {
            ContactEvent e = events.get(i);
            contacts[i] = e.contactId();
            members[i] = e.memberId();
            text[0][i] = e.name();
            text[1][i] = e.email();
            text[2][i] = e.language();
            text[3][i] = e.role();
            try {
                text[4][i] = json.writeValueAsString(e.consents() == null ? Map.of() : e.consents());
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException("consents of contact " + e.contactId() + " cannot be written", ex);
            }
        }
        return conn.preparedQuery("insert into recipient_contact (contact_id, member_id, name, email, language, role, "
                        + "consents, updated_at) select c.id, c.member, c.name, c.email, coalesce(c.language, 'en'), c.role, "
                        + "c.consents::jsonb, now() from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], "
                        + "$6::text[], $7::text[]) as c(id, member, name, email, language, role, consents) "
                        + "on conflict (contact_id) do update set member_id = excluded.member_id, name = excluded.name, "
                        + "email = excluded.email, language = excluded.language, role = excluded.role, "
                        + "consents = excluded.consents, updated_at = now()")
                .execute(Tuple.tuple(List.of(contacts, members, text[0], text[1], text[2], text[3], text[4])))
                .chain(() -> withdrawUnconsented(conn, contacts));
    }

    /**
     * News that waits for a contact (its digest, a retry) and that the contact no longer consents to is withdrawn:
     * the fan-out asked for the consent when it wrote the email, a withdrawal since then must stop it too.
     */
    private static Uni<?> withdrawUnconsented(SqlConnection conn, UUID[] contacts) {
        return conn.preparedQuery("delete from notification n using recipient_contact c where c.contact_id = any($1) "
                        + "and n.recipient = 'contact:' || c.contact_id and n.channel = 'EMAIL' "
                        + "and n.status in ('PENDING', 'FAILED') and ("
                        + "(n.kind = $2 and not coalesce((c.consents ->> 'campaigns')::boolean, false)) "
                        + "or (n.kind = $3 and n.model ->> 'topic' = 'NEWSLETTERS' "
                        + "and not coalesce((c.consents ->> 'newsletters')::boolean, false)))")
                .execute(Tuple.of(contacts, eu.impala.notifications.rule.CampaignRules.PUBLISHED,
                        eu.impala.notifications.announcement.AnnouncementSender.KIND));
    }

    private static Uni<?> forget(SqlConnection conn, List<UUID> contacts) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = contacts.toArray(UUID[]::new);
        return conn.preparedQuery("delete from recipient_contact where contact_id = any($1)").execute(Tuple.of(ids))
                .chain(() -> conn.preparedQuery("delete from preference where contact_id = any($1)").execute(Tuple.of(ids)));
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
