package eu.impala.membership.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.EventSchemas;
import eu.impala.local.KafkaProbe;
import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Renewals: a re-activated member gets a renewal date after today, so the renewal check does not lapse it again;
 * reminders go once per member, renewal date and reminder, however often and however many replicas run the job.
 */
@QuarkusTest
class RenewalTest {

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    RenewalCheck renewalCheck;

    @Inject
    RenewalReminders reminders;

    @Inject
    Pool pool;

    @BeforeEach
    void demoAssociationsAreRegistered() {
        TestMembers.demoAssociations();
    }

    private static String admin() {
        return TOKENS.demoUser("secretariat");
    }

    /** A new ACTIVE member of {@code association} (null: direct) whose renewal falls due on {@code due}. */
    private static String active(String name, String association, LocalDate due) {
        String id = TestMembers.register(admin(), "{\"kind\":\"COMPANY\",\"legalName\":\"" + name + " Ltd\","
                        + "\"displayName\":\"" + name + "\",\"country\":\"IT\"" + (association == null ? ""
                        : ",\"representedBy\":\"" + association + "\"") + ",\"renewalDueOn\":\"" + due + "\"}")
                .then().statusCode(201).extract().path("id");
        status(id, "{\"status\":\"ACTIVE\",\"reason\":\"admitted\"}").then().statusCode(200);
        return id;
    }

    private static Response status(String id, String body) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/members/" + id + "/status");
    }

    private static Response member(String id) {
        return given().auth().oauth2(admin()).get("/api/v1/members/" + id);
    }

    private void lapseOverdue() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> renewalCheck.lapseOverdue(TODAY));
    }

    @Test
    void aLapsedMemberRenewedWithoutADateIsNotLapsedAgainByTheNextCheck() throws Throwable {
        LocalDate old = TODAY.minusDays(31);
        String id = active("Relapse", null, old);
        lapseOverdue();
        member(id).then().body("status", is("LAPSED"));

        LocalDate next = old.plusYears(1);
        status(id, "{\"status\":\"ACTIVE\",\"reason\":\"fees paid\"}").then().statusCode(200)
                .body("status", is("ACTIVE")).body("renewalDueOn", is(next.toString()));
        lapseOverdue();
        member(id).then().body("status", is("ACTIVE")).body("renewalDueOn", is(next.toString()));
        given().auth().oauth2(admin()).get("/api/v1/members/" + id + "/history").then()
                .body("items[-1].action", is("status-changed"))
                .body("items[-1].reason", is("fees paid"))
                .body("items[-1].changes.renewalDueOn.before", is(old.toString()))
                .body("items[-1].changes.renewalDueOn.after", is(next.toString()));
    }

    @Test
    void aDateLongPastMovesOnByAsManyWholePeriodsAsItTakesToPassToday() throws Throwable {
        LocalDate old = TODAY.minusDays(800);
        String id = active("Long Gone", null, old);
        lapseOverdue();
        LocalDate next = old.plusYears(2).isAfter(TODAY) ? old.plusYears(2) : old.plusYears(3);
        status(id, "{\"status\":\"ACTIVE\",\"reason\":\"back\"}").then().statusCode(200)
                .body("renewalDueOn", is(next.toString()));
    }

    @Test
    void aRenewalMayNameItsNewDateWhichMustBeAfterToday() throws Throwable {
        String id = active("Dated", null, TODAY.minusDays(40));
        lapseOverdue();
        member(id).then().body("status", is("LAPSED"));

        status(id, "{\"status\":\"ACTIVE\",\"reason\":\"renewed\",\"renewalDueOn\":\"" + TODAY + "\"}").then()
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", is("renewalDueOn"))
                .body("detail", containsString("after today"));
        status(id, "{\"status\":\"TERMINATED\",\"reason\":\"gone\",\"renewalDueOn\":\"" + TODAY.plusDays(9) + "\"}")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", is("renewalDueOn"));
        status(id, "{\"status\":\"ACTIVE\",\"reason\":\"renewed\",\"renewalDueOn\":\"not a date\"}").then()
                .statusCode(400).contentType(PROBLEM);
        // nothing of the refused requests was kept
        member(id).then().body("status", is("LAPSED")).body("version", is(3));

        LocalDate chosen = TODAY.plusMonths(6);
        status(id, "{\"status\":\"ACTIVE\",\"reason\":\"renewed for half a year\",\"renewalDueOn\":\"" + chosen + "\"}")
                .then().statusCode(200).body("renewalDueOn", is(chosen.toString()));
    }

    @Test
    void aSuspensionThatOutlastedTheRenewalDateEndsWithTheDateMovedOn() {
        LocalDate future = TODAY.plusDays(100);
        String kept = active("Kept", null, future);
        status(kept, "{\"status\":\"SUSPENDED\",\"reason\":\"fees unpaid\"}").then().statusCode(200);
        status(kept, "{\"status\":\"ACTIVE\",\"reason\":\"fees paid\"}").then().statusCode(200)
                .body("renewalDueOn", is(future.toString()));
        given().auth().oauth2(admin()).get("/api/v1/members/" + kept + "/history").then()
                .body("items[-1].changes.renewalDueOn", org.hamcrest.Matchers.nullValue());

        LocalDate past = TODAY.minusDays(3);
        String moved = active("Moved On", null, past);
        status(moved, "{\"status\":\"SUSPENDED\",\"reason\":\"fees unpaid\"}").then().statusCode(200);
        status(moved, "{\"status\":\"ACTIVE\",\"reason\":\"fees paid\"}").then().statusCode(200)
                .body("renewalDueOn", is(past.plusYears(1).toString()));
    }

    private long count(String sql, String member) {
        return pool.preparedQuery(sql).execute(Tuple.of(member)).await().atMost(Duration.ofSeconds(30)).iterator().next()
                .getLong(0);
    }

    private long reminderEvents(String member) {
        return count("select count(*) from outbox_event where aggregate_id = $1 and event_type = '"
                + MemberEvents.RENEWAL_DUE + "'", member);
    }

    private List<Integer> reminded(String member) {
        List<Integer> days = new java.util.ArrayList<>();
        pool.preparedQuery("select days_before from renewal_reminder where member_id = $1::uuid order by days_before desc")
                .execute(Tuple.of(member)).await().atMost(Duration.ofSeconds(30)).forEach(r -> days.add(r.getInteger(0)));
        return days;
    }

    private void remind(LocalDate today) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> reminders.remind(today));
    }

    @Test
    void aReminderGoesOncePerMemberDateAndReminderHoweverOftenAndConcurrentlyTheJobRuns() throws Throwable {
        String association = TestMembers.FR;
        String in20 = active("Twenty Days", association, TODAY.plusDays(20));
        String in5 = active("Five Days", null, TODAY.plusDays(5));
        String in60 = active("Sixty Days", null, TODAY.plusDays(60));

        try (KafkaProbe probe = KafkaProbe.reading(MembershipTestServers.kafka(), MemberEvents.TOPIC)) {
            // two replicas at once, then a restart: each reminder once
            VertxContextSupport.subscribeAndAwait(() -> Uni.combine().all()
                    .unis(reminders.remind(TODAY), reminders.remind(TODAY)).discardItems());
            remind(TODAY);
            ConsumerRecord<String, String> event = probe.await(r -> in20.equals(r.key())
                    && MemberEvents.RENEWAL_DUE.equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30));
            assertTrue(EventSchemas.validate("member-renewal-due.v1", event.value()).isEmpty(), event.value());
            assertTrue(event.value().contains("\"renewalDueOn\":\"" + TODAY.plusDays(20) + "\""), event.value());
            assertTrue(event.value().contains("\"daysBefore\":30"), event.value());
            assertTrue(event.value().contains("\"representedBy\":\"" + association + "\""), event.value());
            assertTrue(!event.value().contains("Twenty Days"), "no name in the event: " + event.value());
        }
        assertEquals(1, reminderEvents(in20));
        assertEquals(List.of(30), reminded(in20));
        // five days before its date the 7-day reminder is the nearest: the 30-day one is not sent late
        assertEquals(1, reminderEvents(in5));
        assertEquals(List.of(7), reminded(in5));
        assertEquals(0, reminderEvents(in60));

        // 13 days later the twenty-day member is 7 days from its date: its second reminder, once
        remind(TODAY.plusDays(13));
        remind(TODAY.plusDays(13));
        assertEquals(List.of(30, 7), reminded(in20));
        assertEquals(2, reminderEvents(in20));
        assertEquals(1, reminderEvents(in5));
    }

    @Test
    void aRenewedMemberIsRemindedAgainForItsNewDateButNotALapsedOne() throws Throwable {
        String renewed = active("Renewed", null, TODAY.plusDays(6));
        remind(TODAY);
        assertEquals(List.of(7), reminded(renewed));
        // renewed early, by hand: its new date is a new round of reminders
        status(renewed, "{\"status\":\"SUSPENDED\",\"reason\":\"paperwork\"}").then().statusCode(200);
        status(renewed, "{\"status\":\"ACTIVE\",\"reason\":\"renewed\",\"renewalDueOn\":\"" + TODAY.plusDays(25) + "\"}")
                .then().statusCode(200);
        remind(TODAY);
        assertEquals(2, reminderEvents(renewed));
        assertEquals(List.of(30, 7), reminded(renewed));

        String suspended = active("Suspended", null, TODAY.plusDays(3));
        status(suspended, "{\"status\":\"SUSPENDED\",\"reason\":\"fees unpaid\"}").then().statusCode(200);
        remind(TODAY);
        assertEquals(0, reminderEvents(suspended), "only ACTIVE members are reminded");
    }

    @Test
    void anAssociationListsItsActiveMembersFallingDueSoonestFirstAndOnlyItsOwn() {
        String association = TestMembers.newAssociation().toString();
        String overdue = active("Overdue", association, TODAY.minusDays(10));
        String in5 = active("In Five", association, TODAY.plusDays(5));
        String in20 = active("In Twenty", association, TODAY.plusDays(20));
        String in45 = active("In Forty-five", association, TODAY.plusDays(45));
        String suspended = active("Suspended Soon", association, TODAY.plusDays(2));
        status(suspended, "{\"status\":\"SUSPENDED\",\"reason\":\"fees unpaid\"}").then().statusCode(200);
        String url = "/api/v1/associations/" + association + "/renewals-due";

        given().auth().oauth2(admin()).get(url).then().statusCode(200)
                .body("items.memberId", is(List.of(overdue, in5, in20)))
                .body("items.daysLeft", is(List.of(-10, 5, 20)))
                .body("items[0].renewalDueOn", is(TODAY.minusDays(10).toString()))
                .body("items[0].displayName", is("Overdue"))
                .body("items[0].href", is("/api/v1/members/" + overdue));
        Response first = given().auth().oauth2(admin()).queryParam("within", "P60D").queryParam("limit", 3).get(url)
                .then().statusCode(200).body("items.memberId", is(List.of(overdue, in5, in20))).extract().response();
        given().auth().oauth2(admin()).queryParam("within", "P60D").queryParam("limit", 3)
                .queryParam("cursor", first.<String>path("next")).get(url)
                .then().statusCode(200).body("items.memberId", is(List.of(in45))).body("next", org.hamcrest.Matchers.nullValue());

        for (String within : List.of("soon", "P2Y", "-P1D", "PT5H", "P1000000000Y")) {
            given().auth().oauth2(admin()).queryParam("within", within).get(url).then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].field", is("within"));
        }
        given().auth().oauth2(admin()).queryParam("cursor", "bogus").get(url).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin()).get("/api/v1/associations/" + UUID.randomUUID() + "/renewals-due").then()
                .statusCode(404).contentType(PROBLEM);

        // an association's staff and systems read their own list, never another association's
        String frMember = active("Fr Soon", TestMembers.FR, TODAY.plusDays(3));
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/associations/" + TestMembers.FR + "/renewals-due")
                .then().statusCode(200).body("items.memberId", org.hamcrest.Matchers.hasItem(frMember))
                .body("items.memberId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(in5)));
        given().auth().oauth2(TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret"))
                .get("/api/v1/associations/" + TestMembers.FR + "/renewals-due").then().statusCode(200);
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get(url).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TOKENS.demoUser("de-admin")).get("/api/v1/associations/" + TestMembers.FR + "/renewals-due")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TOKENS.demoUser("label-admin")).get("/api/v1/associations/" + TestMembers.FR + "/renewals-due")
                .then().statusCode(403).contentType(PROBLEM);
    }
}
