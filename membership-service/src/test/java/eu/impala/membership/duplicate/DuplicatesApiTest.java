package eu.impala.membership.duplicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.impala.local.KeycloakTokens;
import eu.impala.membership.MembershipTestServers;
import eu.impala.membership.TestMembers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The secretariat's list of duplicate candidates, over members registered through the API into the real database. */
@QuarkusTest
class DuplicatesApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final KeycloakTokens TOKENS = MembershipTestServers.tokens();

    @Inject
    Pool pool;

    @Inject
    MatchKeyBackfill backfill;

    @BeforeEach
    void demoAssociationsAreRegistered() {
        TestMembers.demoAssociations();
    }

    private static String secretariat() {
        return TOKENS.demoUser("secretariat");
    }

    static String member(String token, String kind, String legalName, String displayName, String country,
                         String representedBy, String vat, String website) {
        String body = "{\"kind\":\"" + kind + "\",\"legalName\":\"" + legalName + "\",\"displayName\":\"" + displayName
                + "\",\"country\":\"" + country + "\""
                + (representedBy == null ? "" : ",\"representedBy\":\"" + representedBy + "\"")
                + (vat == null ? "" : ",\"vatNumber\":\"" + vat + "\"")
                + (website == null ? "" : ",\"website\":\"" + website + "\"") + "}";
        return TestMembers.register(token, body).then().statusCode(201).extract().path("id");
    }

    /** A pair as listed: its score, reasons and the two ids, the smaller first. */
    private record Listed(int score, List<String> reasons, String first, String second) {
    }

    /** Every pair, read page by page with {@code limit}; checks that pages never repeat a pair. */
    private static List<Listed> allPairs(int limit) {
        List<Listed> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(secretariat()).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/members/duplicates").then().statusCode(200)
                    .contentType(ContentType.JSON).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertTrue(items.size() <= limit);
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> first = (Map<String, Object>) item.get("first");
                @SuppressWarnings("unchecked")
                Map<String, Object> second = (Map<String, Object>) item.get("second");
                @SuppressWarnings("unchecked")
                Listed pair = new Listed((Integer) item.get("score"), (List<String>) item.get("reasons"),
                        (String) first.get("id"), (String) second.get("id"));
                assertTrue(seen.add(pair.first() + pair.second()), "a pair is listed once: " + pair);
                out.add(pair);
            }
            cursor = page.getString("next");
        } while (cursor != null);
        return out;
    }

    private static Map<String, Listed> among(List<Listed> pairs, Set<String> ids) {
        Map<String, Listed> out = new HashMap<>();
        pairs.stream().filter(p -> ids.contains(p.first()) && ids.contains(p.second()))
                .forEach(p -> out.put(key(p.first(), p.second()), p));
        return out;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a;
    }

    @Test
    void pairsOfEveryAssociationAndDirectMembersComeWithTheirReasonsHighestScoreFirst() {
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String digits = String.format("%011d", System.nanoTime() % 100_000_000_000L);
        String fr = TOKENS.demoUser("fr-admin");
        String de = TOKENS.demoUser("de-admin");
        // a direct member, and the same label registered again by the French association, typed differently
        String direct = member(secretariat(), "COMPANY", "Dup" + tag + " Music SAS", "Dup" + tag, "FR", null,
                "FR " + digits, "https://www.Dup" + tag + ".fr");
        String again = member(fr, "COMPANY", "DUP" + tag + " MUSIC", "Dup" + tag + " again", "FR", TestMembers.FR,
                digits, "http://dup" + tag + ".fr/label");
        // the same name in the same country through the German association; a site on the same domain; a namesake
        // elsewhere; a member of the same association as another with the same name (the secretariat sees those too)
        String german = member(de, "COMPANY", "Dup" + tag + " Músic GmbH", "Dup" + tag + " DE", "FR", TestMembers.DE,
                null, null);
        String site = member(fr, "COMPANY", "Other" + tag + " Records", "Other" + tag, "FR", TestMembers.FR, null,
                "http://dup" + tag + ".fr:8080/shop");
        String abroad = member(secretariat(), "COMPANY", "Dup" + tag + " Music", "Dup" + tag + " BE", "BE", null,
                null, null);
        String sameAssociation = member(fr, "COMPANY", "Other" + tag + " Records SARL", "Other" + tag + " bis", "FR",
                TestMembers.FR, null, null);
        Set<String> ids = Set.of(direct, again, german, site, abroad, sameAssociation);

        List<Listed> all = allPairs(100);
        for (int i = 1; i < all.size(); i++) {
            Listed before = all.get(i - 1);
            Listed after = all.get(i);
            assertTrue(before.score() > after.score() || before.score() == after.score()
                    && key(before.first(), before.second()).compareTo(key(after.first(), after.second())) < 0,
                    "ordered by score, then ids: " + before + " before " + after);
        }
        Map<String, Listed> mine = among(all, ids);
        assertEquals(Set.of(key(direct, again), key(direct, german), key(again, german), key(direct, site),
                key(again, site), key(site, sameAssociation)), mine.keySet(), "the pairs, and only those: " + mine);
        Listed strongest = mine.get(key(direct, again));
        assertEquals(100, strongest.score());
        assertEquals(List.of("VAT_NUMBER", "NAME_AND_COUNTRY", "WEBSITE_DOMAIN"), strongest.reasons());
        assertEquals(new Listed(25, List.of("NAME_AND_COUNTRY"), min(direct, german), max(direct, german)),
                mine.get(key(direct, german)));
        assertEquals(List.of("NAME_AND_COUNTRY"), mine.get(key(site, sameAssociation)).reasons());
        assertEquals(List.of("WEBSITE_DOMAIN"), mine.get(key(again, site)).reasons());
        assertEquals(15, mine.get(key(again, site)).score());

        // small pages give the same list in the same order
        List<Listed> paged = allPairs(25);
        assertEquals(all.stream().filter(p -> ids.contains(p.first())).toList(),
                paged.stream().filter(p -> ids.contains(p.first())).toList());

        // each side says who it is and who represents it
        JsonPath first = given().auth().oauth2(secretariat()).queryParam("limit", 500).get("/api/v1/members/duplicates")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = first.getList("items");
        Map<String, Object> pair = items.stream().filter(p -> key(side(p, "first"), side(p, "second"))
                .equals(key(direct, again))).findFirst().orElse(null);
        if (pair != null) { // on the first page unless 500 pairs score 100 before it
            Map<String, Object> directSide = side(pair, "first").equals(direct) ? map(pair, "first") : map(pair, "second");
            Map<String, Object> againSide = side(pair, "first").equals(again) ? map(pair, "first") : map(pair, "second");
            assertEquals("Dup" + tag, directSide.get("displayName"));
            assertNull(directSide.get("representedBy"));
            assertEquals(TestMembers.FR, againSide.get("representedBy"));
            assertEquals("APPLICANT", againSide.get("status"));
        }
    }

    @Test
    void anErasedMemberIsNoLongerHalfOfAPair() {
        String digits = String.format("%011d", (System.nanoTime() + 7) % 100_000_000_000L);
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String company = member(secretariat(), "COMPANY", "Erasable" + tag + " Sounds", "Erasable" + tag, "DE", null,
                "DE" + digits, null);
        String artist = member(secretariat(), "ARTIST", "Erasable" + tag + " Person", "Erasable" + tag + " P", "DE", null,
                "DE " + digits, null);
        assertTrue(among(allPairs(500), Set.of(company, artist)).containsKey(key(company, artist)),
                "listed while both exist");
        given().auth().oauth2(secretariat()).post("/api/v1/members/" + artist + "/erase").then().statusCode(204);
        assertFalse(among(allPairs(500), Set.of(company, artist)).containsKey(key(company, artist)),
                "an erased member is left out");
        // and its keys are gone with its data
        var keys = pool.preparedQuery("select vat_key, domain_key, name_key from member where id = $1")
                .execute(Tuple.of(UUID.fromString(artist))).await().indefinitely().iterator().next();
        assertNull(keys.getString("vat_key"));
        assertNull(keys.getString("name_key"));
    }

    @Test
    void onlyTheSecretariatReviewsDuplicates() {
        for (String token : List.of(TOKENS.demoUser("fr-admin"), TOKENS.demoUser("de-admin"),
                TOKENS.demoUser("label-admin"), TOKENS.demoUser("artist-admin"),
                TOKENS.clientCredentials("sync-fr", "sync-fr-dev-secret"))) {
            given().auth().oauth2(token).get("/api/v1/members/duplicates").then().statusCode(403)
                    .contentType(PROBLEM);
        }
        given().get("/api/v1/members/duplicates").then().statusCode(401);
        given().auth().oauth2(secretariat()).get("/api/v1/members/duplicates").then().statusCode(200)
                .contentType(ContentType.JSON);
    }

    @Test
    void aBadCursorOrLimitIsA400Problem() {
        given().auth().oauth2(secretariat()).queryParam("cursor", "not-ours").get("/api/v1/members/duplicates")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("cursor"));
        // a cursor of another list (a member list's) does not fit this one either
        String otherList = eu.impala.commons.paging.Cursor.encode(UUID.randomUUID().toString());
        given().auth().oauth2(secretariat()).queryParam("cursor", otherList).get("/api/v1/members/duplicates")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("cursor"));
        given().auth().oauth2(secretariat()).queryParam("limit", 0).get("/api/v1/members/duplicates")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("limit"));
    }

    @Test
    void theKeysOfMembersFromBeforeAreDerivedByTheBackFill() {
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String id = member(secretariat(), "COMPANY", "Backfilled" + tag + " B.V.", "Backfilled" + tag, "NL", null,
                "nl 8" + tag.substring(0, Math.min(8, tag.length())) + "b01", "https://www.backfilled" + tag + ".nl/");
        // as the rows of members made before V11 are
        pool.preparedQuery("update member set vat_key = null, domain_key = null, name_key = null, match_version = null "
                + "where id = $1").execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
        assertTrue(backfill.run().await().indefinitely() >= 1);
        var row = pool.preparedQuery("select vat_key, domain_key, name_key, match_version from member where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next();
        assertNotNull(row.getString("vat_key"));
        assertEquals(MatchKeys.vat("nl 8" + tag.substring(0, Math.min(8, tag.length())) + "b01", "NL"),
                row.getString("vat_key"));
        assertEquals("backfilled" + tag + ".nl", row.getString("domain_key"));
        assertEquals("NL:backfilled" + tag, row.getString("name_key"));
        assertEquals(MatchKeys.VERSION, (int) row.getInteger("match_version"));
    }

    private static String min(String a, String b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) < 0 ? b : a;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> pair, String side) {
        return (Map<String, Object>) pair.get(side);
    }

    private static String side(Map<String, Object> pair, String side) {
        return (String) map(pair, side).get("id");
    }
}
