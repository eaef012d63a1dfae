package eu.impala.membership.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A sync's limits hold while the body is read, not after: the record or row past a limit ends the reading with a
 * 413, and a body that cannot be a sync at all is a 400 from its first line or token. Never a 500.
 */
@QuarkusTest
class SyncLimitsTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final String PROBLEM = "application/problem+json";
    /** Just under the service's body limit (32 MiB). */
    private static final int BIG = 32_000_000;

    @Inject
    Pool pool;

    private static Response csv(String association, String body) {
        return given().auth().oauth2(SyncTest.admin()).contentType("text/csv").body(body)
                .post("/api/v1/associations/" + association + "/sync");
    }

    @Test
    void thirtyTwoMegabytesOfBlankLinesAfterTheHeaderEndAtTheRowLimitWithA413() {
        String body = "externalId,kind,legalName,displayName,country\n" + "\n".repeat(BIG);
        csv(SyncTest.FR, body).then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString(SyncCsv.MAX_ROWS + " rows, blank ones included"));
    }

    @Test
    void thirtyTwoMegabytesOfBlankLinesAreAnEmptyBodyAndA400() {
        csv(SyncTest.FR, "\r\n".repeat(BIG / 2)).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("(body)"));
    }

    @Test
    void aHeaderAfterThirtyTwoMegabytesOfBlankLinesComesTooLateAndIsA400() {
        csv(SyncTest.FR, "\n".repeat(BIG) + "externalId\nFR-1").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("row 1")).body("detail", containsString("first line is blank"));
    }

    @Test
    void aFirstLineLongerThanAnyHeaderIsA400ThatDoesNotEchoIt() {
        String answer = csv(SyncTest.FR, "externalId" + "x".repeat(BIG)).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("row 1")).body("detail", containsString("longer than any header"))
                .extract().asString();
        assertTrue(answer.length() < 2_000, answer.length() + " characters of answer");
    }

    @Test
    void aCsvOfMoreThanTheRowLimitIsA413AndNothingOfItIsSynced() {
        String association = TestMembers.newAssociation().toString();
        // one member and its contact rows: few records, too many rows
        String body = csvOf("externalId,kind,legalName,displayName,country,contactName,contactEmail", SyncCsv.MAX_ROWS + 1,
                i -> "rows-1,COMPANY,Rows,Rows,FR,Person " + i + ",p" + i + "@rows.example");
        csv(association, body).then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString(SyncCsv.MAX_ROWS + " rows"));
        assertEquals(0L, references(association));
    }

    @Test
    void aCsvOfMoreThanTheRecordLimitIsA413AndNothingOfItIsSynced() {
        String association = TestMembers.newAssociation().toString();
        String body = csvOf("externalId,kind,legalName,displayName,country", SyncBatch.MAX_RECORDS + 1,
                i -> "many-" + i + ",COMPANY,Many " + i + ",Many,FR");
        csv(association, body).then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString(SyncBatch.MAX_RECORDS + " records"));
        assertEquals(0L, references(association));
    }

    @Test
    void aJsonBodyIsA413AsSoonAsTheRecordPastTheLimitStartsWhateverFollows() {
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = 0; i <= SyncBatch.MAX_RECORDS; i++) {
            body.append("{},");
        }
        // read to its end, this body would be malformed JSON (a 400): the 413 shows the reading stopped before
        SyncTest.sync(SyncTest.admin(), SyncTest.FR, "", body.append(" not JSON from here on").toString())
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString(SyncBatch.MAX_RECORDS + " records"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400ProblemOnTheBody() {
        SyncTest.sync(SyncTest.admin(), SyncTest.FR, "", "externalId,kind\nFR-1,COMPANY").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("(body)"));
        SyncTest.sync(SyncTest.admin(), SyncTest.FR, "", "x".repeat(BIG)).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", is("(body)"));
    }

    @Test
    void aJsonBodyThatIsNoObjectOrArrayIsA400ProblemOnRecords() {
        SyncTest.sync(SyncTest.admin(), SyncTest.FR, "", "\"records\"").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("records"));
    }

    private static String csvOf(String header, int rows, IntFunction<String> row) {
        StringBuilder body = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            body.append(row.apply(i)).append('\n');
        }
        return body.toString();
    }

    private long references(String association) {
        return pool.preparedQuery("select count(*) from member_external_ref where association_id = $1")
                .execute(Tuple.of(UUID.fromString(association))).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
    }
}
