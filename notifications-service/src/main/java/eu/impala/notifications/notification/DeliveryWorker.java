package eu.impala.notifications.notification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.impala.commons.outbox.Outbox;
import eu.impala.notifications.NotificationsConfig;
import eu.impala.notifications.webhook.WebhookSender;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends due emails: claims a batch with a lease (so replicas never send the same one, and a crashed worker's
 * claim runs out), resolves each recipient's current address and language, renders, sends over SMTP a few at a
 * time, and records the outcome with its delivery event in one transaction. Webhook deliveries go the same way,
 * as signed POSTs ({@link WebhookSender}). A failure is retried with
 * exponential backoff and jitter until the last attempt, then the email is DEAD. Digest emails of one contact
 * that fall due together go out as one message.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** A claimed email with whom it goes to, once resolved. */
    public record Claimed(UUID id, UUID eventId, Channel channel, String kind, String recipient, UUID memberId,
                          JsonObject model, int attempts, String digest) {
    }

    /** A person to write to. */
    public record Addressee(String name, String email, String language) {
    }

    private final Pool pool;
    private final Outbox outbox;
    private final ReactiveMailer mailer;
    private final EmailComposer composer;
    private final WebhookSender webhooks;
    private final NotificationsConfig.Delivery config;

    public DeliveryWorker(Pool pool, Outbox outbox, ReactiveMailer mailer, EmailComposer composer, WebhookSender webhooks,
                          NotificationsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.mailer = mailer;
        this.composer = composer;
        this.webhooks = webhooks;
        this.config = config.delivery();
    }

    @Scheduled(every = "${impala.notifications.delivery.poll:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return deliverDue(now()).onFailure().invoke(e -> LOG.warn("delivery round failed; the next one retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends what is due now, without waiting for the next tick (after a retry by hand, or new emails). */
    public void wakeUp() {
        deliverDue(now()).subscribe().with(n -> { }, e -> LOG.warn("delivery round failed; the next tick retries", e));
    }

    /** Sends everything due at {@code at}, round after round; how many emails were attempted. */
    public Uni<Integer> deliverDue(OffsetDateTime at) {
        return round(at).chain(n -> n < config.batch() ? Uni.createFrom().item(n)
                : deliverDue(at).map(more -> n + more));
    }

    private Uni<Integer> round(OffsetDateTime at) {
        return pool.preparedQuery("update notification n set next_attempt_at = $2 where id in (select id from notification "
                        + "where channel in ('EMAIL', 'WEBHOOK') and status in ('PENDING', 'FAILED') and next_attempt_at <= $1 "
                        + "order by next_attempt_at limit $3 for update skip locked) "
                        + "returning id, event_id, channel, kind, recipient, member_id, model, attempts, digest")
                .execute(Tuple.of(at, now().plus(config.lease()), config.batch()))
                .chain(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getUUID("id"), r.getUUID("event_id"),
                                Channel.valueOf(r.getString("channel")), r.getString("kind"),
                                r.getString("recipient"), r.getUUID("member_id"), (JsonObject) r.getValue("model"),
                                r.getInteger("attempts"), r.getString("digest")));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.combine().all().unis(addressees(claimed), webhooks.subscriptions(claimed)).asTuple()
                            .chain(found -> Multi.createFrom().iterable(groups(claimed))
                            .onItem().transformToUni(group -> group.get(0).channel() == Channel.WEBHOOK
                                    ? post(group.get(0), found.getItem2().get(group.get(0).recipient()))
                                    : send(group, found.getItem1().get(group.get(0).recipient())))
                            .merge(config.concurrency())
                            .collect().asList()
                            .replaceWith(claimed.size()));
                });
    }

    /** Digest emails of one recipient travel together; every other email alone. */
    private static List<List<Claimed>> groups(List<Claimed> claimed) {
        Map<String, List<Claimed>> digests = new LinkedHashMap<>();
        List<List<Claimed>> groups = new ArrayList<>();
        for (Claimed c : claimed) {
            if (c.digest() != null) {
                digests.computeIfAbsent(c.recipient(), r -> new ArrayList<>()).add(c);
            } else {
                groups.add(List.of(c));
            }
        }
        groups.addAll(digests.values());
        return groups;
    }

    /** Current address and language of each recipient: a contact, or a member's primary contact. */
    private Uni<Map<String, Addressee>> addressees(List<Claimed> claimed) {
        List<UUID> contacts = new ArrayList<>();
        List<UUID> members = new ArrayList<>();
        for (Claimed c : claimed) {
            if (c.recipient().startsWith("contact:")) {
                contacts.add(UUID.fromString(c.recipient().substring("contact:".length())));
            } else if (c.recipient().startsWith("primary-contact:")) {
                members.add(UUID.fromString(c.recipient().substring("primary-contact:".length())));
            }
        }
        return pool.preparedQuery("select contact_id, member_id, role, name, email, language from recipient_contact "
                        + "where contact_id = any($1) or (member_id = any($2) and role = 'PRIMARY')")
                .execute(Tuple.of(contacts.toArray(UUID[]::new), members.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<String, Addressee> found = new HashMap<>();
                    for (Row r : rows) {
                        Addressee a = new Addressee(r.getString("name"), r.getString("email"), r.getString("language"));
                        found.put("contact:" + r.getUUID("contact_id"), a);
                        if ("PRIMARY".equals(r.getString("role"))) {
                            found.put("primary-contact:" + r.getUUID("member_id"), a);
                        }
                    }
                    return found;
                });
    }

    private Uni<Void> post(Claimed c, WebhookSender.Target target) {
        if (target == null) {
            return record(List.of(c), null, null, "the subscription was deleted");
        }
        return webhooks.post(c, target)
                .onItem().transformToUni(ok -> record(List.of(c), null, null, null))
                .onFailure().recoverWithUni(e -> record(List.of(c), null, null, e.getMessage()));
    }

    private Uni<Void> send(List<Claimed> group, Addressee to) {
        if (to == null || to.email() == null) {
            return record(group, null, null, "no address for " + group.get(0).recipient() + " (yet)");
        }
        Templates.Email email;
        try {
            email = composer.compose(group, to);
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot render %s", group.get(0).kind());
            return record(group, to, null, "cannot render: " + e.getMessage());
        }
        Mail mail = Mail.withText(to.email(), email.subject(), email.text()).setHtml(email.html());
        return mailer.send(mail)
                .onItem().transformToUni(ok -> record(group, to, email.subject(), null))
                .onFailure().recoverWithUni(e -> record(group, to, email.subject(),
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /** The outcome of one attempt, with its delivery events, in one transaction. */
    private Uni<Void> record(List<Claimed> group, Addressee to, String subject, String error) {
        OffsetDateTime at = now();
        return outbox.inTransaction(conn -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Claimed c : group) {
                int attempts = c.attempts() + 1;
                DeliveryStatus status = error == null ? DeliveryStatus.SENT
                        : attempts >= config.maxAttempts() ? DeliveryStatus.DEAD : DeliveryStatus.FAILED;
                OffsetDateTime next = status == DeliveryStatus.FAILED ? at.plus(backoff(attempts)) : null;
                chain = chain.chain(() -> conn.preparedQuery("update notification set status = $2, attempts = $3, "
                                        + "last_error = $4, next_attempt_at = $5, sent_at = $6, address = coalesce($7, address), "
                                        + "language = coalesce($8, language), subject = coalesce($9, subject) where id = $1")
                                .execute(Tuple.from(java.util.Arrays.asList(c.id(), status.name(), attempts, error, next,
                                        status == DeliveryStatus.SENT ? at : null, to == null ? null : to.email(),
                                        to == null ? null : Templates.language(to.language()), subject)))
                        .chain(() -> conn.preparedQuery("insert into delivery_attempt (notification_id, attempt, at, "
                                        + "outcome, error) values ($1, $2, $3, $4, $5) on conflict do nothing")
                                .execute(Tuple.of(c.id(), attempts, at, status.name(), error)))
                        .chain(() -> outbox.append(conn, List.of(DeliveryEvents.of(status, new DeliveryEvents.DeliveryOutcome(
                                c.id(), c.eventId(), c.kind(), c.channel(), c.memberId(), attempts, error, at, next)))))
                        .replaceWithVoid());
            }
            return chain;
        });
    }

    /** Exponential from the configured base, ±25% so that a recovering SMTP server is not hit all at once. */
    Duration backoff(int attempts) {
        long base = config.backoff().toMillis() << Math.min(attempts - 1, 16);
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis((long) (base * jitter));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
