package eu.impala.membership.sync;

import static eu.impala.membership.sync.SyncTest.DE;
import static eu.impala.membership.sync.SyncTest.FR;
import static eu.impala.membership.sync.SyncTest.admin;
import static eu.impala.membership.sync.SyncTest.batch;
import static eu.impala.membership.sync.SyncTest.sync;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A member the secretariat moves: its old reference retired, its old association's syncs refused, its new one's adoption. */
@QuarkusTest
class MoveTest {

    @BeforeEach
    void demoAssociationsAreRegistered() {
        // the demo users' tokens name FR and DE: they act for associations that exist
        TestMembers.demoAssociations();
    }

    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    static String record(String key, String memberId, String kind, String name) {
        return "{\"externalId\":\"" + key + "\"" + (memberId == null ? "" : ",\"memberId\":\"" + memberId + "\"")
                + ",\"kind\":\"" + kind + "\",\"legalName\":\"" + name + "\",\"displayName\":\"" + name + "\","
                + "\"country\":\"FR\",\"contacts\":[{\"name\":\"Owner\",\"email\":\"owner@" + key.toLowerCase()
                + ".example\"}]}";
    }

    /** Moves the member to {@code to} as the secretariat, through the one endpoint that does it. */
    static void move(String id, String kind, String name, String to) {
        String etag = given().auth().oauth2(admin()).get("/api/v1/members/" + id).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"kind\":\"" + kind + "\",\"legalName\":\"" + name + "\",\"displayName\":\"" + name + "\","
                        + "\"country\":\"FR\",\"representedBy\":\"" + to + "\"}")
                .put("/api/v1/members/" + id).then().statusCode(200).body("representedBy", is(to));
    }

    @Test
    void aMovedMembersOldKeyIsRetiredAndTheNewAssociationAdoptsItUnderItsOwnKeyWithoutADuplicate() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Moved Label " + tag;
        String frRecord = record("FR-" + tag, null, "COMPANY", name);
        String id = sync(TOKENS.demoUser("fr-admin"), FR, "", batch(frRecord)).then().statusCode(200)
                .body("results[0].result", is("created")).extract().path("results[0].memberId");
        move(id, "COMPANY", name, DE);

        Row retired = one("select retired_at is not null, moved_to::text from member_external_ref "
                + "where association_id = $1 and external_id = $2", UUID.fromString(FR), "FR-" + tag);
        assertEquals(true, retired.getBoolean(0));
        assertEquals(DE, retired.getString(1));
        // FR's routine sync of the same list: reported moved, naming nothing of the member or where it went
        String answer = sync(TOKENS.demoUser("fr-admin"), FR, "", batch(frRecord)).then().statusCode(200)
                .body("results[0].result", is("moved")).body("results[0].memberId", nullValue())
                .body("results[0].errors[0].message", containsString("retired")).extract().asString();
        assertFalse(answer.contains(id) || answer.contains(DE), answer);

        // DE lists it under a key of its own: stopped, told which member to adopt, never a second member
        String deRecord = record("DE-" + tag, null, "COMPANY", name);
        sync(TOKENS.demoUser("de-admin"), DE, "", batch(deRecord)).then().statusCode(200)
                .body("results[0].result", is("rejected"))
                .body("results[0].errors[0].field", is("records[0].memberId"))
                .body("results[0].errors[0].message", containsString(id));
        assertEquals(1L, one("select count(*) from member where legal_name = $1", name).getLong(0));
        // with the member named, it is adopted: the same member, now under DE's key, and DE's next sync is routine
        sync(TOKENS.demoUser("de-admin"), DE, "", batch(record("DE-" + tag, id, "COMPANY", name))).then().statusCode(200)
                .body("results[0].result", is("updated")).body("results[0].memberId", is(id));
        sync(TOKENS.demoUser("de-admin"), DE, "", batch(record("DE-" + tag, id, "COMPANY", name))).then().statusCode(200)
                .body("results[0].result", is("unchanged"));
        assertEquals(1L, one("select count(*) from member where legal_name = $1", name).getLong(0));
        given().auth().oauth2(TOKENS.demoUser("de-admin")).get("/api/v1/members/" + id).then().statusCode(200)
                .body("representedBy", is(DE));
        given().auth().oauth2(TOKENS.demoUser("fr-admin")).get("/api/v1/members/" + id).then().statusCode(404);
        // FR cannot take it back by naming it either
        sync(TOKENS.demoUser("fr-admin"), FR, "", batch(record("FR2-" + tag, id, "COMPANY", name))).then().statusCode(200)
                .body("results[0].result", is("rejected"))
                .body("results[0].errors[0].message", containsString("represents no member"));
    }

    @Test
    void aMemberMovedBackIsReachedByItsFormerKeyAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String from = TestMembers.newAssociation().toString();
        String name = "Returning Label " + tag;
        String id = sync(admin(), from, "", batch(record("R-" + tag, null, "COMPANY", name))).then().statusCode(200)
                .extract().path("results[0].memberId");
        move(id, "COMPANY", name, DE);
        move(id, "COMPANY", name, from);
        sync(admin(), from, "", batch(record("R-" + tag, null, "COMPANY", name + " Renamed"))).then().statusCode(200)
                .body("results[0].result", is("updated")).body("results[0].memberId", is(id));
    }

    @Test
    void erasingAMovedArtistErasesItsRetiredReferenceToo() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String from = TestMembers.newAssociation().toString();
        String name = "Artist " + tag;
        String id = sync(admin(), from, "", batch(record("A-" + tag, null, "ARTIST", name))).then().statusCode(200)
                .extract().path("results[0].memberId");
        move(id, "ARTIST", name, DE);
        assertEquals(1L, one("select count(*) from member_external_ref where member_id = $1", UUID.fromString(id)).getLong(0));
        given().auth().oauth2(admin()).post("/api/v1/members/" + id + "/erase").then().statusCode(204);
        assertEquals(0L, one("select count(*) from member_external_ref where member_id = $1", UUID.fromString(id)).getLong(0));
    }

    private Row one(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(30)).iterator().next();
    }
}
