package eu.impala.notifications.announcement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.impala.commons.outbox.Outbox;
import eu.impala.notifications.notification.DeliveryWorker;
import eu.impala.notifications.notification.NotificationWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Starts announcements when they fall due. A tick moves the due SCHEDULED ones to SENDING (claimed with
 * {@code for update skip locked}, so two replicas never take the same), then fans out each SENDING one in a
 * transaction of its own that holds its row: one set-based insert of the emails (each contact of the segment who
 * gets one, at its digest time if it chose a digest), one of the in-app notices (one per member), the announcement
 * SENT with its counts and its {@code announcement.sent} event. The notifications' event id is the announcement's,
 * so a fan-out that died half-way and runs again adds nothing twice; a SENDING row left by a crash is taken again by
 * the next tick.
 */
@ApplicationScoped
public class AnnouncementSender {

    /** The kind of an announcement's notifications (and the email template's name). */
    public static final String KIND = "announcement";

    private static final Logger LOG = Logger.getLogger(AnnouncementSender.class);
    /** Announcements started per tick; more wait for the next one. */
    private static final int PER_TICK = 10;

    private final Pool pool;
    private final Outbox outbox;
    private final AnnouncementStore store;
    private final NotificationWriter writer;
    private final DeliveryWorker worker;
    private final Counter sent;

    public AnnouncementSender(Pool pool, Outbox outbox, AnnouncementStore store, NotificationWriter writer,
                              DeliveryWorker worker, MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.store = store;
        this.writer = writer;
        this.worker = worker;
        this.sent = Counter.builder("impala_announcements_sent").description("Announcements fanned out (every "
                + "notification of them written)").register(registry);
    }

    @Scheduled(every = "${impala.notifications.announcements.poll:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendDue().onFailure().invoke(e -> LOG.warn("announcement round failed; the next one retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Starts every due announcement; how many were fanned out by this call. */
    public Uni<Integer> sendDue() {
        return pool.preparedQuery("update announcement set status = 'SENDING', started_at = now(), version = version + 1, "
                        + "updated_at = now() where id in (select id from announcement where status = 'SCHEDULED' "
                        + "and scheduled_at <= now() order by scheduled_at limit $1 for update skip locked)")
                .execute(Tuple.of(PER_TICK))
                .chain(() -> pool.preparedQuery("select id from announcement where status = 'SENDING' "
                        + "order by scheduled_at limit $1").execute(Tuple.of(PER_TICK)))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    // one announcement whose fan-out fails (a statement timeout on a huge segment) holds up no other:
                    // it stays SENDING and is tried again next round
                    return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> fanOut(id)
                                    .onFailure().recoverWithItem(e -> {
                                        LOG.warnf(e, "announcement %s not fanned out; the next round tries again", id);
                                        return false;
                                    }))
                            .collect().asList();
                })
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count())
                .invoke(n -> {
                    if (n > 0) {
                        worker.wakeUp();
                    }
                });
    }

    /** Fans out {@code id} if it is SENDING and no other worker holds it; true when this call did. */
    Uni<Boolean> fanOut(UUID id) {
        return outbox.inTransaction(conn -> conn.preparedQuery("select " + AnnouncementStore.COLUMNS
                        + " from announcement where id = $1 and status = 'SENDING' for update skip locked")
                .execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : fanOut(conn, AnnouncementStore.announcement(rows.iterator().next())).replaceWith(true)))
                .invoke(done -> {
                    if (done) {
                        sent.increment();
                    }
                });
    }

    private Uni<Void> fanOut(SqlConnection conn, Announcement stored) {
        // an association's announcement reaches only the members it represents, whatever its stored segment says
        Announcement a = stored.createdBy() == null ? stored : new Announcement(stored.id(), stored.version(),
                stored.status(), stored.topic(), stored.translations(), stored.segment().narrowedTo(stored.createdBy()),
                stored.createdBy(), stored.createdAt(), stored.scheduledAt(), stored.startedAt(), stored.sentAt(),
                stored.cancelledAt());
        List<String> languages = AnnouncementStore.languages(a);
        Map<String, String> titles = new LinkedHashMap<>();
        a.translations().forEach((lang, t) -> titles.put(lang, t.title()));
        String model = writer.write(Map.of("announcementId", a.id().toString(), "topic", a.topic(), "titles", titles,
                "language", languages.get(0)));
        List<Object> contacts = Audience.parameters(a.segment(), a.topic(), languages);
        // one statement writes every email, however many contacts: a digest contact's waits for its digest
        Uni<?> emails = conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), $11, $13, 'EMAIL', "
                        + "'contact:' || a.contact_id, a.member_id, $12::text::jsonb, 'PENDING', "
                        + "case a.digest when 'DAILY' then date_trunc('day', now()) + interval '1 day 8 hours' "
                        + "when 'WEEKLY' then date_trunc('week', now()) + interval '7 days 8 hours' else now() end, "
                        + "nullif(a.digest, 'IMMEDIATE'), now(), null from (" + Audience.CONTACTS + ") a where a.email "
                        + "on conflict do nothing")
                .execute(Audience.tuple(contacts, a.id(), model, KIND));
        List<Object> members = Audience.memberParameters(a.segment());
        Uni<?> notices = conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), $7, $9, 'IN_APP', "
                        + "'member:' || s.member_id, s.member_id, $8::text::jsonb, 'SENT', null, null, now(), now() "
                        + "from (" + Audience.MEMBERS + ") s on conflict do nothing")
                .execute(Audience.tuple(members, a.id(), model, KIND));
        return emails.chain(() -> notices)
                .chain(() -> conn.preparedQuery("select count(*) filter (where channel = 'EMAIL') as emails, "
                                + "count(*) filter (where channel = 'IN_APP') as in_app from notification where event_id = $1")
                        .execute(Tuple.of(a.id())))
                .chain(rows -> {
                    Row counts = rows.iterator().next();
                    int emailCount = (int) counts.getLong("emails").longValue();
                    int inApp = (int) counts.getLong("in_app").longValue();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                    return conn.preparedQuery("update announcement set status = 'SENT', sent_at = $2, version = version + 1, "
                                    + "updated_at = $2, members = $3, emails = $4, in_app = $3 where id = $1")
                            .execute(Tuple.of(a.id(), now, inApp, emailCount))
                            .chain(() -> outbox.append(conn, List.of(AnnouncementEvents.sent(
                                    new AnnouncementEvents.AnnouncementSent(a.id(), a.topic(), inApp, emailCount, inApp,
                                            now)))));
                })
                .invoke(() -> LOG.infof("announcement %s fanned out", a.id()))
                .replaceWithVoid();
    }
}
