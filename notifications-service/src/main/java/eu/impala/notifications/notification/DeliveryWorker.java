package eu.impala.notifications.notification;

import java.net.URI;
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
import eu.impala.commons.tracing.EventSpans;
import eu.impala.notifications.NotificationsConfig;
import eu.impala.notifications.announcement.AnnouncementContent;
import eu.impala.notifications.announcement.AnnouncementSender;
import eu.impala.notifications.webhook.Destinations;
import eu.impala.notifications.webhook.WebhookSender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
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
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("impala.notification.kind");

    /** A claimed email with whom it goes to, once resolved. */
    public record Claimed(UUID id, UUID eventId, Channel channel, String kind, String recipient, UUID memberId,
                          JsonObject model, int attempts, String digest, String traceparent) {
    }

    /** A person to write to: a contact (its id signs its unsubscribe links). */
    public record Addressee(UUID contactId, String name, String email, String language) {
    }

    private final Pool pool;
    private final Outbox outbox;
    private final ReactiveMailer mailer;
    private final EmailComposer composer;
    private final WebhookSender webhooks;
    private final Destinations destinations;
    private final NotificationsConfig.Delivery config;
    private final NotificationsConfig.Webhooks hooks;
    private final EventSpans spans;
    private final DeliveryMetrics metrics;
    private final java.util.Optional<String> unsubscribeMailbox;
    private final AnnouncementContent content;

    public DeliveryWorker(Pool pool, Outbox outbox, ReactiveMailer mailer, EmailComposer composer, WebhookSender webhooks,
                          Destinations destinations, NotificationsConfig config, EventSpans spans, DeliveryMetrics metrics,
                          AnnouncementContent content) {
        this.content = content;
        this.spans = spans;
        this.pool = pool;
        this.outbox = outbox;
        this.mailer = mailer;
        this.composer = composer;
        this.webhooks = webhooks;
        this.destinations = destinations;
        this.config = config.delivery();
        this.hooks = config.webhooks();
        this.metrics = metrics;
        this.unsubscribeMailbox = config.unsubscribe().mailto();
    }

    @Scheduled(every = "${impala.notifications.delivery.poll:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return deliverDue(Channel.EMAIL, now()).onFailure().invoke(e -> LOG.warn("email round failed; the next one retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Webhooks go in rounds of their own: a slow receiver holds up other webhooks at most, never an email. */
    @Scheduled(every = "${impala.notifications.delivery.poll:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> webhookTick() {
        return deliverDue(Channel.WEBHOOK, now()).onFailure().invoke(e -> LOG.warn("webhook round failed; the next one retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends what is due now, without waiting for the next tick (after a retry by hand, or new emails). */
    public void wakeUp() {
        deliverDue(Channel.EMAIL, now()).subscribe().with(n -> { }, e -> LOG.warn("email round failed; the next tick retries", e));
    }

    /** Sends every email and webhook due at {@code at}; how many were attempted. */
    public Uni<Integer> deliverDue(OffsetDateTime at) {
        return Uni.combine().all().unis(deliverDue(Channel.EMAIL, at), deliverDue(Channel.WEBHOOK, at))
                .with((emails, webhooks) -> emails + webhooks);
    }

    /** Sends everything of {@code channel} due at {@code at}, round after round; how many were attempted. */
    Uni<Integer> deliverDue(Channel channel, OffsetDateTime at) {
        int batch = channel == Channel.WEBHOOK ? hooks.batch() : config.batch();
        return round(channel, at).chain(n -> n < batch ? Uni.createFrom().item(n)
                : deliverDue(channel, at).map(more -> n + more));
    }

    private Uni<Integer> round(Channel channel, OffsetDateTime at) {
        return claim(channel, at)
                .chain(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getUUID("id"), r.getUUID("event_id"),
                                Channel.valueOf(r.getString("channel")), r.getString("kind"),
                                r.getString("recipient"), r.getUUID("member_id"), (JsonObject) r.getValue("model"),
                                r.getInteger("attempts"), r.getString("digest"), r.getString("traceparent")));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    if (channel == Channel.WEBHOOK) {
                        return webhooks.subscriptions(claimed)
                                .chain(targets -> Multi.createFrom().iterable(claimed)
                                        .onItem().transformToUni(c -> post(c, targets.get(c.recipient())))
                                        .merge(hooks.concurrency())
                                        .collect().asList())
                                .chain(this::record)
                                .replaceWith(claimed.size());
                    }
                    return content.attach(claimed).chain(() -> addressees(claimed))
                            .chain(found -> Multi.createFrom().iterable(groups(claimed))
                                    .onItem().transformToUni(group -> send(group, found.get(group.get(0).recipient())))
                                    .merge(config.concurrency())
                                    .collect().asList())
                            .chain(this::record)
                            .replaceWith(claimed.size());
                });
    }

    private static final String RETURNING = " returning id, event_id, channel, kind, recipient, member_id, model, attempts, digest, "
            + "traceparent";

    /**
     * Claims due notifications of one channel with a lease. Emails in due order (one to a member's primary contact
     * waits, for a while, until that contact has arrived); webhooks in due order too, but at most
     * {@code per-subscription} of one subscription a round, so one association's backlog does not hold up the
     * others'. A row another worker claimed meanwhile fails the re-check of the outer update and is left to it.
     */
    private Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> claim(Channel channel, OffsetDateTime at) {
        OffsetDateTime lease = now().plus(config.lease());
        if (channel == Channel.WEBHOOK) {
            lease = now().plus(webhookLease());
            return pool.preparedQuery("update notification n set next_attempt_at = $2 where n.id in (select id from ("
                            + "select id, next_attempt_at, row_number() over (partition by recipient order by next_attempt_at, id) "
                            + "as turn from notification where channel = 'WEBHOOK' and status in ('PENDING', 'FAILED') "
                            + "and next_attempt_at <= $1) due where turn <= $4 order by next_attempt_at limit $3) "
                            + "and n.channel = 'WEBHOOK' and n.status in ('PENDING', 'FAILED') and n.next_attempt_at <= $1"
                            + RETURNING)
                    .execute(Tuple.of(at, lease, hooks.batch(), hooks.perSubscription()));
        }
        return pool.preparedQuery("update notification n set next_attempt_at = $2 where id in (select id from notification "
                        + "w where channel = 'EMAIL' and status in ('PENDING', 'FAILED') and next_attempt_at <= $1 "
                        + "and not (w.recipient like 'primary-contact:%' and w.created_at > $1 - make_interval(secs => $4) "
                        + "and not exists (select 1 from recipient_contact c where c.member_id = w.member_id "
                        + "and c.role = 'PRIMARY')) "
                        + "order by next_attempt_at limit $3 for update skip locked)" + RETURNING)
                .execute(Tuple.of(at, lease, config.batch(), (double) config.awaitContact().toSeconds()));
    }

    /**
     * Digest emails of one recipient travel together (campaign news in one, announcements of each topic in another, as
     * each has its own unsubscribe link); every other email alone.
     */
    private static List<List<Claimed>> groups(List<Claimed> claimed) {
        Map<String, List<Claimed>> digests = new LinkedHashMap<>();
        List<List<Claimed>> groups = new ArrayList<>();
        for (Claimed c : claimed) {
            if (c.digest() != null) {
                String key = AnnouncementSender.KIND.equals(c.kind())
                        ? c.recipient() + " " + c.model().getString("topic") : c.recipient();
                digests.computeIfAbsent(key, r -> new ArrayList<>()).add(c);
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
                        Addressee a = new Addressee(r.getUUID("contact_id"), r.getString("name"), r.getString("email"), r.getString("language"));
                        found.put("contact:" + r.getUUID("contact_id"), a);
                        if ("PRIMARY".equals(r.getString("role"))) {
                            found.put("primary-contact:" + r.getUUID("member_id"), a);
                        }
                    }
                    return found;
                });
    }

    /**
     * What one attempt came to, for every notification it carried; recorded with the rest of its round. A
     * {@code permanent} failure is not retried.
     */
    record Outcome(List<Claimed> group, Addressee to, String subject, String error, String response, Integer durationMs,
                   boolean permanent) {

        Outcome(List<Claimed> group, Addressee to, String subject, String error) {
            this(group, to, subject, error, null, null, false);
        }
    }

    /** Checks the destination again (its addresses may have changed since it was subscribed), then posts to that address. */
    private Uni<Outcome> post(Claimed c, WebhookSender.Target target) {
        if (target == null) {
            return Uni.createFrom().item(new Outcome(List.of(c), null, null, "the subscription was deleted"));
        }
        if (target.secret() == null) {
            return Uni.createFrom().item(new Outcome(List.of(c), null, null, "the subscription's secret cannot be used",
                    "failed", null, false));
        }
        return traced("post webhook", c, destinations.check(URI.create(target.url()))
                .chain(to -> webhooks.post(c, target, to)))
                .map(answer -> new Outcome(List.of(c), null, null, answer.error(), answer.response(), answer.durationMs(),
                        false))
                .onFailure(Destinations.Refused.class).recoverWithItem(e -> {
                    LOG.infof("webhook delivery %s refused at delivery time: %s", c.id(), e.getMessage());
                    WebhookSender.Answer refused = WebhookSender.Answer.refused();
                    return new Outcome(List.of(c), null, null, refused.error(), refused.response(), null, true);
                })
                // unknown, or the resolver failed for now: tried again like any failed attempt
                .onFailure(Destinations.Unresolved.class).recoverWithItem(e -> new Outcome(List.of(c), null, null,
                        "the receiver's host name did not resolve", "dns", null, false));
    }

    private Uni<Outcome> send(List<Claimed> group, Addressee to) {
        if (to == null || to.email() == null) {
            return Uni.createFrom().item(new Outcome(group, null, null,
                    "no address for " + group.get(0).recipient() + " (yet)"));
        }
        Templates.Email email;
        try {
            email = composer.compose(group, to);
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot render %s", group.get(0).kind());
            return Uni.createFrom().item(new Outcome(group, to, null, "cannot render: " + e.getMessage()));
        }
        Mail mail = Mail.withText(to.email(), email.subject(), email.text()).setHtml(email.html());
        if (email.unsubscribe() != null) {
            // RFC 2369 and RFC 8058: mailbox providers show an unsubscribe button that POSTs to the https link
            mail.addHeader("List-Unsubscribe", listUnsubscribe(email.unsubscribe()));
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return traced("send email", group.get(0), mailer.send(mail))
                .map(ok -> new Outcome(group, to, email.subject(), null))
                .onFailure().recoverWithItem(e -> new Outcome(group, to, email.subject(),
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /**
     * Sends a test of an email to an address given by hand (an announcement's test-send): the same message, headers
     * and mailer as any email, but no notification row, so the address is kept nowhere; not retried.
     */
    public Uni<Void> sendTest(String address, Templates.Email email) {
        Mail mail = Mail.withText(address, email.subject(), email.text()).setHtml(email.html());
        if (email.unsubscribe() != null) {
            mail.addHeader("List-Unsubscribe", listUnsubscribe(email.unsubscribe()));
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mailer.send(mail);
    }

    /** The https link, then (when a mailbox is configured) a mailto: whose subject carries the same token. */
    private String listUnsubscribe(String link) {
        String header = "<" + link + ">";
        String mailbox = unsubscribeMailbox.filter(b -> !b.isBlank()).orElse(null);
        if (mailbox != null) {
            header += ", <mailto:" + mailbox.trim() + "?subject=unsubscribe-" + link.substring(link.indexOf("token=") + 6) + ">";
        }
        return header;
    }

    /**
     * An attempt as a span in the trace of the event that caused the notification (a digest's: its first one's); the
     * attempt and what follows it log within it.
     */
    private <T> Uni<T> traced(String name, Claimed notification, Uni<T> attempt) {
        return Uni.createFrom().deferred(() -> {
            Span span = spans.forStored(name, SpanKind.CLIENT, notification.traceparent());
            span.setAttribute(KIND, notification.kind());
            return spans.within(span, () -> attempt).onTermination().invoke((item, failure, cancelled) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                }
                span.end();
            });
        });
    }

    /**
     * The outcomes of a round, with their delivery events, in one transaction: a few statements for the whole
     * batch instead of a transaction per email. Emails of a round that were sent when the process died are sent
     * again once their lease runs out (delivery is at least once).
     */
    Uni<Void> record(List<Outcome> outcomes) {
        OffsetDateTime at = now();
        List<UUID> ids = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<OffsetDateTime> nexts = new ArrayList<>();
        List<OffsetDateTime> sents = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        List<Integer> durations = new ArrayList<>();
        List<eu.impala.commons.outbox.OutgoingEvent> events = new ArrayList<>();
        for (Outcome o : outcomes) {
            for (Claimed c : o.group()) {
                int attempt = c.attempts() + 1;
                DeliveryStatus status = o.error() == null ? DeliveryStatus.SENT
                        : o.permanent() || attempt >= config.maxAttempts() ? DeliveryStatus.DEAD : DeliveryStatus.FAILED;
                OffsetDateTime next = status == DeliveryStatus.FAILED ? at.plus(backoff(attempt)) : null;
                ids.add(c.id());
                channels.add(c.channel());
                statuses.add(status.name());
                attempts.add(attempt);
                errors.add(o.error());
                nexts.add(next);
                sents.add(status == DeliveryStatus.SENT ? at : null);
                addresses.add(o.to() == null ? null : o.to().email());
                languages.add(o.to() == null ? null : Templates.language(o.to().language()));
                subjects.add(o.subject());
                responses.add(o.response());
                durations.add(o.durationMs());
                events.add(DeliveryEvents.of(status, new DeliveryEvents.DeliveryOutcome(c.id(), c.eventId(), c.kind(),
                        c.channel(), c.memberId(), attempt, o.error(), at, next)));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] idArray = ids.toArray(UUID[]::new);
        Integer[] attemptArray = attempts.toArray(Integer[]::new);
        String[] statusArray = statuses.toArray(String[]::new);
        String[] errorArray = errors.toArray(String[]::new);
        // a contact or member erased while its email was on the way: the outcome must not write its data back
        return outbox.inTransaction(conn -> conn.preparedQuery("update notification n set status = u.status, "
                                + "attempts = u.attempts, next_attempt_at = u.next, sent_at = u.sent, "
                                + "last_error = case when n.recipient like 'erased:%' then null else u.error end, "
                                + "address = case when n.recipient like 'erased:%' then null else coalesce(u.address, n.address) end, "
                                + "language = coalesce(u.language, n.language), "
                                + "subject = case when n.recipient like 'erased:%' then null else coalesce(u.subject, n.subject) end, "
                                + "last_response = u.response, last_duration_ms = u.duration "
                                + "from unnest($1::uuid[], $2::text[], $3::int[], "
                                + "$4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], "
                                + "$10::text[], $11::int[]) "
                                + "as u(id, status, attempts, error, next, sent, address, language, subject, response, duration) "
                                + "where n.id = u.id")
                        .execute(Tuple.tuple(java.util.Arrays.asList(idArray, statusArray, attemptArray, errorArray,
                                nexts.toArray(OffsetDateTime[]::new), sents.toArray(OffsetDateTime[]::new),
                                addresses.toArray(String[]::new), languages.toArray(String[]::new),
                                subjects.toArray(String[]::new), responses.toArray(String[]::new),
                                durations.toArray(Integer[]::new))))
                        .chain(() -> conn.preparedQuery("insert into delivery_attempt (notification_id, attempt, at, outcome, "
                                        + "error) select u.id, u.attempt, $5, u.outcome, case when n.recipient like 'erased:%' "
                                        + "then null else u.error end from unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) "
                                        + "as u(id, attempt, outcome, error) join notification n on n.id = u.id on conflict do nothing")
                                .execute(Tuple.of(idArray, attemptArray, statusArray, errorArray, at)))
                        .chain(() -> outbox.append(conn, events)))
                .invoke(() -> {
                    for (int i = 0; i < channels.size(); i++) {
                        metrics.attempted(channels.get(i), DeliveryStatus.valueOf(statuses.get(i)));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A webhook round's outcomes are recorded when its slowest POST is done: the lease outlasts the worst round (every
     * wave of the concurrency running into the deadline after a slow lookup and connect), so that no other worker
     * claims a delivery still in flight.
     */
    Duration webhookLease() {
        long waves = (hooks.batch() + hooks.concurrency() - 1) / hooks.concurrency();
        Duration worst = hooks.deadline().plus(hooks.timeout()).multipliedBy(waves);
        return worst.compareTo(config.lease()) > 0 ? worst : config.lease();
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
