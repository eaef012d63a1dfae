package eu.impala.notifications.announcement;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import eu.impala.commons.http.Versions;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.commons.validation.EnumParam;
import eu.impala.notifications.notification.DeliveryWorker;
import eu.impala.notifications.notification.EmailComposer;
import eu.impala.notifications.notification.Templates;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announcements: the secretariat tells members about a consultation, a vote, a report, the general assembly. Written
 * as a draft (Markdown in up to five languages, a topic, a segment), previewed, tried on a few addresses, then sent
 * now or at a time, or cancelled before it starts. The secretariat sees and sends all; an association's admin only its
 * own, and its segment is always narrowed to the members its association represents, whatever it asks. Another
 * association's announcement is "not found" (404), so ids tell nothing.
 */
@Path("/api/v1/notifications/announcements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Announcements", description = "Announcements to members by email (in each contact's language, with its "
        + "consents and preferences) and in the app: drafts, preview, test-send, sending now or at a time, statistics.")
@RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is neither the secretariat's nor an association "
        + "admin's bound to an association.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AnnouncementResource {

    private static final Logger LOG = Logger.getLogger(AnnouncementResource.class);
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"()\\[\\]]+@[^@\\s<>,;\"()\\[\\]]+\\.[^@\\s<>,;\"()\\[\\]]+");
    private static final int MOST_TEST_ADDRESSES = 10;
    private static final Duration LATEST = Duration.ofDays(366);

    /** When to send: absent or null, now. */
    public record SendRequest(@Schema(nullable = true, description = "A time in the future, at most a year ahead; "
            + "absent: now.") OffsetDateTime at) {
    }

    /** Addresses to try an announcement on, in one language (absent: its default). */
    public record TestSendRequest(@Schema(required = true, minItems = 1, maxItems = MOST_TEST_ADDRESSES) List<String> addresses,
                                  @Schema(nullable = true, enumeration = {"en", "fr", "de", "es", "it"}) String language) {
    }

    /** How many test emails were sent. */
    public record TestSent(@Schema(required = true) int queued) {
    }

    /** An email as a contact reading {@code language} would get it. */
    public record Sample(@Schema(required = true) String language, @Schema(required = true) String subject,
                         @Schema(required = true) String html, @Schema(required = true) String text) {
    }

    /** Whom the announcement would reach now, consents and preferences applied. */
    public record Preview(@Schema(required = true, description = "Members in the segment (each gets an in-app notice).")
                          long members,
                          @Schema(required = true, description = "Their contacts of the roles asked.") long contacts,
                          @Schema(required = true, description = "Contacts who would get an email (at once or in "
                                  + "their digest).") long email,
                          @Schema(required = true) long inApp,
                          @Schema(required = true, description = "Email recipients by the language they get.")
                          Map<String, Long> byLanguage,
                          @Schema(required = true) Sample sample) {
    }

    /** How an announcement's delivery stands, from its notifications. */
    public record Statistics(@Schema(required = true) UUID announcementId, @Schema(required = true) AnnouncementStatus status,
                             @Schema(required = true, description = "Emails written for it.") long recipients,
                             @Schema(required = true) long pending, @Schema(required = true) long sent,
                             @Schema(required = true) long failed, @Schema(required = true) long dead,
                             @Schema(required = true, description = "Emails waiting for their contact's digest.") long digest,
                             @Schema(required = true) long inApp,
                             @Schema(required = true, description = "Contacts who unsubscribed through a link of it.")
                             long unsubscribed) {
    }

    private final Pool pool;
    private final Callers callers;
    private final AnnouncementStore store;
    private final AnnouncementSender sender;
    private final EmailComposer composer;
    private final DeliveryWorker worker;

    public AnnouncementResource(Pool pool, Callers callers, AnnouncementStore store, AnnouncementSender sender,
                                EmailComposer composer, DeliveryWorker worker) {
        this.pool = pool;
        this.callers = callers;
        this.store = store;
        this.sender = sender;
        this.composer = composer;
        this.worker = worker;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAnnouncement", summary = "Write an announcement (a draft)", description = "Title "
            + "and Markdown body in one or more of en, fr, de, es, it (English is the default language when given, "
            + "else the first); topic MEMBERSHIP or NEWSLETTERS; a segment (empty lists do not filter; statuses default "
            + "to ACTIVE). An association's admin always gets its own association as the segment's associations.")
    @APIResponse(responseCode = "201", description = "The draft; Location names it, ETag is its version.",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Announcement.class),
                    examples = @ExampleObject(name = "draft", value = AnnouncementExamples.DRAFT)))
    @APIResponse(responseCode = "400", description = "Invalid fields (topic, languages, title or body length, unknown "
            + "segment values, too many values) or unreadable JSON.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AnnouncementRequest.class),
            examples = @ExampleObject(name = "assembly", value = AnnouncementExamples.REQUEST))) AnnouncementRequest request) {
        Caller caller = callers.current();
        UUID scope = scope(caller);
        Segment segment = checked(request, scope);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> store.insert(conn, id, request, segment, scope, now)
                        .chain(() -> store.find(conn, id, scope, false)))
                .map(a -> Response.created(URI.create("/api/v1/notifications/announcements/" + id)).entity(a)
                        .tag(new EntityTag(Long.toString(a.version()))).build());
    }

    @GET
    @Operation(operationId = "listAnnouncements", summary = "The announcements", description = "Newest first with "
            + "cursor pagination; an association's admin sees its own association's only.")
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = Announcement.class)),
                    examples = @ExampleObject(name = "page", value = AnnouncementExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "An unknown status, a foreign cursor or a limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<Announcement>> list(@Parameter(description = "DRAFT, SCHEDULED, SENDING, SENT or CANCELLED")
                                              @QueryParam("status") String status,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        UUID scope = scope(callers.current());
        int pageSize = Cursor.limit(limit);
        String wanted = status == null ? null : EnumParam.parse(AnnouncementStatus.class, status, "status").name();
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery("select " + AnnouncementStore.COLUMNS + " from announcement where ($1::uuid is null "
                        + "or association_id = $1) and ($2::text is null or status = $2) and ($3::timestamptz is null "
                        + "or (created_at, id) < ($3, $4)) order by created_at desc, id desc limit $5")
                .execute(Tuple.tuple(java.util.Arrays.asList(scope, wanted, after == null ? null : after.at(),
                        after == null ? null : after.id(), pageSize + 1)))
                .map(rows -> {
                    List<Announcement> found = new ArrayList<>();
                    rows.forEach(r -> found.add(AnnouncementStore.announcement(r)));
                    return CursorPage.of(found, pageSize, a -> TimeCursor.key(a.createdAt(), a.id()));
                });
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAnnouncement", summary = "One announcement")
    @APIResponse(responseCode = "200", description = "The announcement; ETag is its version.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Announcement.class),
                    examples = @ExampleObject(name = "sent", value = AnnouncementExamples.SENT)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return store.find(pool, id, scope(callers.current()), false).map(AnnouncementResource::tagged);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAnnouncement", summary = "Change a draft or scheduled announcement",
            description = "The whole announcement as on creation. If-Match must carry its ETag: 428 without, 412 when it "
            + "changed since. A scheduled one keeps its time. 409 once it is sending, sent or cancelled.")
    @APIResponse(responseCode = "200", description = "The announcement as stored, with its new ETag.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Announcement.class),
                    examples = @ExampleObject(name = "changed", value = AnnouncementExamples.DRAFT)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unreadable JSON or an If-Match that is no ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is sending, sent or cancelled: it no longer changes.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed it since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                         schema = @Schema(implementation = AnnouncementRequest.class),
                                         examples = @ExampleObject(name = "assembly", value = AnnouncementExamples.REQUEST)))
                                 AnnouncementRequest request) {
        long expected = Versions.required(ifMatch);
        UUID scope = scope(callers.current());
        Segment segment = checked(request, scope);
        return pool.withTransaction(conn -> store.find(conn, id, scope, true)
                        .chain(a -> {
                            Versions.check(expected, a.version());
                            changeable(a, "changed");
                            // an association's announcement stays its own, whoever edits it (the secretariat too)
                            return store.replace(conn, id, request,
                                    a.createdBy() == null ? segment : segment.narrowedTo(a.createdBy()));
                        })
                        .chain(() -> store.find(conn, id, scope, false)))
                .map(AnnouncementResource::tagged);
    }

    @GET
    @Path("/{id}/preview")
    @Operation(operationId = "previewAnnouncement", summary = "Whom it would reach, and how it reads", description =
            "Counts of who it would reach right now, consents and preferences applied: members of the segment (each "
            + "gets an in-app notice), their contacts of the roles asked, those who would get an email (at once or in "
            + "their digest) and those by the language they would get. The sample is the email in `language` (default: "
            + "the announcement's default language).")
    @APIResponse(responseCode = "200", description = "The counts and a rendered sample.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Preview.class),
                    examples = @ExampleObject(name = "preview", value = AnnouncementExamples.PREVIEW)))
    @APIResponse(responseCode = "400", description = "A language the announcement is not written in.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Preview> preview(@PathParam("id") UUID id, @Parameter(description = "The sample's language.")
                                @QueryParam("language") String language) {
        UUID scope = scope(callers.current());
        return store.find(pool, id, scope, false).chain(a -> {
            String lang = language(a, language);
            Sample sample = sample(a, lang, "");
            List<String> languages = AnnouncementStore.languages(a);
            List<Object> params = Audience.parameters(a.segment(), a.topic(), languages);
            return pool.preparedQuery("with c as (" + Audience.CONTACTS + ") select (select count(*) from ("
                            + Audience.MEMBERS + ") s) as members, (select count(*) from c) as contacts, "
                            + "(select count(*) from c where c.email) as email, (select coalesce(jsonb_object_agg(lang, n), "
                            + "'{}'::jsonb) from (select lang, count(*) as n from c where c.email group by lang) l) as by_language")
                    .execute(Audience.tuple(params))
                    .map(rows -> {
                        Row r = rows.iterator().next();
                        Map<String, Long> byLanguage = new LinkedHashMap<>();
                        JsonObject counts = (JsonObject) r.getValue("by_language");
                        for (String l : languages) {
                            if (counts.containsKey(l)) {
                                byLanguage.put(l, counts.getLong(l));
                            }
                        }
                        long members = r.getLong("members");
                        return new Preview(members, r.getLong("contacts"), r.getLong("email"), members, byLanguage, sample);
                    });
        });
    }

    @POST
    @Path("/{id}/test-send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "testSendAnnouncement", summary = "Send a test to a few addresses", description = "The "
            + "email as a contact would get it (in `language`, default the announcement's), its subject prefixed "
            + "\"[TEST] \", to 1 to 10 addresses. The addresses are not stored anywhere; the announcement's status and "
            + "statistics do not change.")
    @APIResponse(responseCode = "202", description = "The tests were handed to the SMTP server.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TestSent.class),
                    examples = @ExampleObject(name = "queued", value = AnnouncementExamples.TEST_SENT)))
    @APIResponse(responseCode = "502", description = "The mail server did not accept one of the tests (say which, "
            + "by its place in the list): it may refuse the address. Not retried.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "No address, more than 10, one that is not an email address, or "
            + "a language the announcement is not written in.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> testSend(@PathParam("id") UUID id,
                                  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(implementation = TestSendRequest.class),
                                          examples = @ExampleObject(name = "two", value = AnnouncementExamples.TEST_SEND)))
                                  TestSendRequest request) {
        List<String> addresses = addresses(request);
        UUID scope = scope(callers.current());
        return store.find(pool, id, scope, false).chain(a -> {
            String lang = language(a, request.language());
            JsonObject texts = translations(a);
            return Multi.createFrom().iterable(addresses)
                    .onItem().transformToUniAndConcatenate(address -> {
                        Templates.Email email = composer.announcementSample(a.id(), a.topic(), texts, lang, "");
                        // the mail server's refusal names the address: neither it nor the address reaches the log
                        return worker.sendTest(address, new Templates.Email("[TEST] " + email.subject(), email.text(),
                                email.html(), email.unsubscribe())).replaceWith(address)
                                .onFailure().transform(e -> new ProblemException(502, "test-send-refused", "Bad Gateway",
                                        "the mail server did not accept the test email to address number "
                                                + (addresses.indexOf(address) + 1) + " (" + e.getClass().getSimpleName()
                                                + "); the addresses before it were sent to, the ones after it were not"));
                    })
                    .collect().asList()
                    .invoke(() -> LOG.infof("announcement %s tried on %d address(es)", id, addresses.size()))
                    .map(sent -> Response.accepted(new TestSent(sent.size())).build());
        });
    }

    @POST
    @Path("/{id}/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendAnnouncement", summary = "Send now or at a time", description = "`{}` sends now, "
            + "`{\"at\": ...}` at that time (in the future, at most a year ahead). The announcement is SCHEDULED; the "
            + "worker starts it when due (now: within seconds), then it is SENDING and SENT once every email and notice "
            + "is written. Sending again before it starts moves the time. If-Match required.")
    @APIResponse(responseCode = "202", description = "Scheduled.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Announcement.class),
                    examples = @ExampleObject(name = "scheduled", value = AnnouncementExamples.SCHEDULED)))
    @APIResponse(responseCode = "400", description = "A time in the past or more than a year ahead, unreadable JSON "
            + "or an If-Match that is no ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is sending, sent or cancelled.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed it since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> send(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                      schema = @Schema(implementation = SendRequest.class),
                                      examples = @ExampleObject(name = "atAGivenTime", value = AnnouncementExamples.SEND)))
                              SendRequest request) {
        long expected = Versions.required(ifMatch);
        OffsetDateTime now = now();
        OffsetDateTime at = request == null || request.at() == null ? now : request.at();
        if (request != null && request.at() != null && (!at.isAfter(now) || at.isAfter(now.plus(LATEST)))) {
            throw ProblemException.badRequest("the time to send is not valid",
                    List.of(new Problem.FieldError("at", "a time in the future, at most a year ahead")));
        }
        UUID scope = scope(callers.current());
        return pool.withTransaction(conn -> store.find(conn, id, scope, true)
                        .chain(a -> {
                            Versions.check(expected, a.version());
                            changeable(a, "sent");
                            return conn.preparedQuery("update announcement set status = 'SCHEDULED', scheduled_at = $2, "
                                    + "version = version + 1, updated_at = now() where id = $1").execute(Tuple.of(id, at));
                        })
                        .chain(() -> store.find(conn, id, scope, false)))
                .invoke(a -> {
                    if (!at.isAfter(now)) {
                        sender.sendDue().subscribe().with(n -> { }, e -> LOG.warn("announcement round failed; the "
                                + "next tick retries", e));
                    }
                })
                .map(a -> Response.accepted(a).tag(new EntityTag(Long.toString(a.version()))).build());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelAnnouncement", summary = "Cancel before it starts", description = "A draft or "
            + "scheduled announcement is CANCELLED and never sent; 409 once it is sending or sent (or already "
            + "cancelled). If-Match is optional: when given, 412 if it changed since.")
    @APIResponse(responseCode = "200", description = "Cancelled.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Announcement.class),
                    examples = @ExampleObject(name = "cancelled", value = AnnouncementExamples.CANCELLED)))
    @APIResponse(responseCode = "400", description = "An If-Match that is no ETag of ours.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is sending or sent, or already cancelled.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed it since that ETag.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Long expected = ifMatch == null || ifMatch.isBlank() ? null : Versions.required(ifMatch);
        UUID scope = scope(callers.current());
        // the conditional update races safely with the worker: whichever holds the row first wins
        return pool.withTransaction(conn -> store.find(conn, id, scope, true)
                        .chain(a -> {
                            if (expected != null) {
                                Versions.check(expected, a.version());
                            }
                            changeable(a, "cancelled");
                            return conn.preparedQuery("update announcement set status = 'CANCELLED', cancelled_at = now(), "
                                    + "version = version + 1, updated_at = now() where id = $1 and status in ('DRAFT', "
                                    + "'SCHEDULED')").execute(Tuple.of(id));
                        })
                        .chain(() -> store.find(conn, id, scope, false)))
                .map(AnnouncementResource::tagged);
    }

    @GET
    @Path("/{id}/statistics")
    @Operation(operationId = "getAnnouncementStatistics", summary = "How its delivery stands", description = "From "
            + "its notifications: emails written (recipients), waiting (pending), sent, failed (to be retried), dead, "
            + "waiting for a digest, in-app notices, and the contacts who unsubscribed through its links.")
    @APIResponse(responseCode = "200", description = "The figures (all 0 before it is sent).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Statistics.class),
                    examples = @ExampleObject(name = "delivered", value = AnnouncementExamples.STATISTICS)))
    @APIResponse(responseCode = "404", description = "No announcement the caller may see has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Statistics> statistics(@PathParam("id") UUID id) {
        UUID scope = scope(callers.current());
        return pool.preparedQuery("select a.status, a.unsubscribed, "
                        + "count(n.id) filter (where n.channel = 'EMAIL') as recipients, "
                        + "count(n.id) filter (where n.channel = 'EMAIL' and n.status = 'PENDING' and n.digest is null) as pending, "
                        + "count(n.id) filter (where n.channel = 'EMAIL' and n.status = 'SENT') as sent, "
                        + "count(n.id) filter (where n.channel = 'EMAIL' and n.status = 'FAILED') as failed, "
                        + "count(n.id) filter (where n.channel = 'EMAIL' and n.status = 'DEAD') as dead, "
                        + "count(n.id) filter (where n.channel = 'EMAIL' and n.status = 'PENDING' and n.digest is not null) as digest, "
                        + "count(n.id) filter (where n.channel = 'IN_APP') as in_app "
                        + "from announcement a left join notification n on n.event_id = a.id "
                        + "where a.id = $1 and ($2::uuid is null or a.association_id = $2) group by a.id")
                .execute(Tuple.of(id, scope))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("announcement " + id);
                    }
                    Row r = rows.iterator().next();
                    return new Statistics(id, AnnouncementStatus.valueOf(r.getString("status")), r.getLong("recipients"),
                            r.getLong("pending"), r.getLong("sent"), r.getLong("failed"), r.getLong("dead"),
                            r.getLong("digest"), r.getLong("in_app"), r.getInteger("unsubscribed"));
                });
    }

    /** The association the caller is confined to; null for the secretariat. */
    private static UUID scope(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return null;
        }
        return caller.associationId().filter(a -> caller.roles().contains(Role.ASSOCIATION_ADMIN))
                .orElseThrow(() -> ProblemException.forbidden("announcements need the secretariat's or an association "
                        + "admin's token bound to an association"));
    }

    /** The request validated, its segment normalized and, for an association, narrowed to it. */
    private static Segment checked(AnnouncementRequest request, UUID scope) {
        if (request == null) {
            throw ProblemException.badRequest("an announcement is required",
                    List.of(new Problem.FieldError("body", "an announcement is required")));
        }
        request.validate();
        Segment segment = request.normalizedSegment();
        return scope == null ? segment : segment.narrowedTo(scope);
    }

    private static void changeable(Announcement a, String what) {
        if (a.status() != AnnouncementStatus.DRAFT && a.status() != AnnouncementStatus.SCHEDULED) {
            throw ProblemException.conflict("announcement " + a.id() + " is " + a.status() + ": only a DRAFT or "
                    + "SCHEDULED one can be " + what);
        }
    }

    private static String language(Announcement a, String requested) {
        if (requested == null || requested.isBlank()) {
            return AnnouncementStore.languages(a).get(0);
        }
        if (!a.translations().containsKey(requested)) {
            throw ProblemException.badRequest("the announcement is not written in " + requested,
                    List.of(new Problem.FieldError("language", "one of " + a.translations().keySet())));
        }
        return requested;
    }

    private static List<String> addresses(TestSendRequest request) {
        List<String> addresses = request == null || request.addresses() == null ? List.of() : request.addresses();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (addresses.isEmpty() || addresses.size() > MOST_TEST_ADDRESSES) {
            errors.add(new Problem.FieldError("addresses", "1 to " + MOST_TEST_ADDRESSES + " addresses"));
        }
        for (String a : addresses) {
            if (a == null || a.length() > 254 || !ADDRESS.matcher(a).matches()) {
                errors.add(new Problem.FieldError("addresses", "not an email address"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the test addresses are not valid", errors);
        }
        return addresses.stream().distinct().toList();
    }

    private Sample sample(Announcement a, String lang, String name) {
        Templates.Email email = composer.announcementSample(a.id(), a.topic(), translations(a), lang, name);
        return new Sample(lang, email.subject(), email.html(), email.text());
    }

    private static JsonObject translations(Announcement a) {
        JsonObject texts = new JsonObject();
        a.translations().forEach((l, t) -> texts.put(l, new JsonObject().put("title", t.title()).put("body", t.body())));
        return texts;
    }

    private static Response tagged(Announcement a) {
        return Response.ok(a).tag(new EntityTag(Long.toString(a.version()))).build();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
