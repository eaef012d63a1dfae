package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;

/**
 * GDPR erasure through the gateway, proven in every service's database: after the secretariat erases a company's
 * contact person and an artist member, no row of any table in membership, campaigns or notifications holds their
 * names or addresses any more, while the company's other contact is still there (the search does find data).
 */
@ExtendWith(SharedPlatform.class)
class ErasureEndToEndTest {

    private static final List<String> DATABASES = List.of("membership", "campaigns", "notifications");
    private static final String FR = Tenant.Side.FR.association;
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    /** Personal data that must be gone: the erased contact's and the artist's (and its contact's) names and emails. */
    private static final List<String> ERASED = List.of("Erika Erased" + TAG, "erika-" + TAG + "@label.example",
            "Aria Artist" + TAG, "aria-" + TAG + "@artist.example");
    private static final String KEPT = "kim-" + TAG + "@label.example";

    @BeforeAll
    static void eraseAContactAndAnArtistAfterTheyWereSpreadAcrossTheServices() {
        String gateway = SharedPlatform.gateway();
        KeycloakTokens tokens = new KeycloakTokens(SharedPlatform.platform().servers().keycloak().url());
        String secretariat = tokens.demoUser("secretariat");
        String frAdmin = tokens.demoUser("fr-admin");
        JsonNode run = Api.expect(200, "POST", gateway + "/api/v1/associations/" + FR + "/sync",
                tokens.clientCredentials("sync-fr", "sync-fr-dev-secret"), "{\"records\":["
                        + record("LABEL", "COMPANY", "Erasure Label " + TAG, contact("Kim Kept" + TAG, KEPT, "PRIMARY") + ","
                        + contact(ERASED.get(0), ERASED.get(1), "PRESS"))
                        + "," + record("ARTIST", "ARTIST", ERASED.get(2), contact(ERASED.get(2), ERASED.get(3), "PRIMARY"))
                        + "]}");
        String label = run.path("results").get(0).path("memberId").asText();
        String artist = run.path("results").get(1).path("memberId").asText();
        String campaign = Api.expect(201, "POST", gateway + "/api/v1/campaigns", secretariat, "{\"slug\":\"erasure-" + TAG
                + "\",\"title\":\"Erasure\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"OTHER\",\"kind\":\"DECLARATION\"}")
                .path("id").asText();
        Api.expect(200, "POST", gateway + "/api/v1/campaigns/" + campaign + "/status", secretariat, "{\"status\":\"PUBLISHED\"}");
        await("campaigns knows the artist and records its signature", () -> Api.send("POST", gateway + "/api/v1/campaigns/"
                + campaign + "/signatures", frAdmin, "{\"memberId\":\"" + artist + "\",\"showName\":true,\"comment\":\"Signed by "
                + ERASED.get(2) + "\"}", Map.of()).statusCode() == 201);
        await("every service holds the personal data", () -> DATABASES.stream().allMatch(db -> !tablesHolding(db, ERASED).isEmpty()));
        DATABASES.forEach(db -> assertFalse(tablesHolding(db, ERASED).isEmpty(), db + " learnt the data before the erasure"));
        // the steady state: an erasure while notifications is still sending these emails is a race of its own (the
        // outcome written back is covered by ErasedInFlightTest; the erasure event itself was once not applied)
        String members = "('" + label + "', '" + artist + "')";
        await("the emails about them are sent", () -> "1|0".equals(SharedPlatform.platform().servers().postgres().psql(
                "notifications", "select count(*) filter (where kind = 'signatureConfirmed' and status = 'SENT'), count(*) "
                        + "filter (where status = 'PENDING') from notification where channel = 'EMAIL' and member_id in "
                        + members).trim()));

        JsonNode contacts = Api.expect(200, "GET", gateway + "/api/v1/members/" + label + "/contacts", secretariat, null);
        String erasedContact = null;
        for (JsonNode c : contacts) {
            if (ERASED.get(1).equals(c.path("email").asText())) {
                erasedContact = c.path("id").asText();
            }
        }
        Api.expect(204, "POST", gateway + "/api/v1/members/" + label + "/contacts/" + erasedContact + "/erase", secretariat, null);
        Api.expect(204, "POST", gateway + "/api/v1/members/" + artist + "/erase", secretariat, null);
        await("the erasure events are applied", () -> DATABASES.stream().allMatch(db -> tablesHolding(db, ERASED).isEmpty()));
    }

    @Test
    void membershipHoldsNoPersonalDataOfTheErasedContactAndArtist() {
        assertHoldsNone("membership");
    }

    @Test
    void campaignsHoldsNoPersonalDataOfTheErasedContactAndArtist() {
        assertHoldsNone("campaigns");
    }

    @Test
    void notificationsHoldsNoPersonalDataOfTheErasedContactAndArtist() {
        assertHoldsNone("notifications");
    }

    /** Names the rows that still hold erased data, so that a failure says what was left and where. */
    private static void assertHoldsNone(String database) {
        String tables = tablesHolding(database, ERASED);
        StringBuilder rows = new StringBuilder();
        for (String table : tables.isEmpty() ? new String[0] : tables.split(",")) {
            rows.append("\n").append(table).append(": ").append(SharedPlatform.platform().servers().postgres().psql(database,
                    "select string_agg(x::text, E'\\n') from " + table + " x where x::text ilike any ('" + patterns(ERASED)
                            + "'::text[])"));
        }
        assertEquals("", tables, "tables of " + database + " still holding erased data:" + rows);
    }

    @Test
    void theCompanysOtherContactIsKeptWhereItWasKnown() {
        assertTrue(tablesHolding("membership", List.of(KEPT)).contains("contact"), "membership keeps the kept contact");
        assertTrue(tablesHolding("notifications", List.of(KEPT)).contains("recipient_contact"),
                "notifications keeps the kept contact");
    }

    /**
     * The tables of {@code database} in which some row, read as text, contains one of {@code needles}
     * (comma-separated, empty when none): every table, so that a new one cannot escape the check.
     */
    static String tablesHolding(String database, List<String> needles) {
        String patterns = patterns(needles);
        return SharedPlatform.platform().servers().postgres().psql(database, "select coalesce(string_agg(table_name, ',' "
                + "order by table_name), '') from information_schema.tables where table_schema = 'public' and table_type = "
                + "'BASE TABLE' and (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I x where x::text "
                + "ilike any (%L::text[])', table_name, '" + patterns + "'), false, true, '')))[1]::text::int > 0").trim();
    }

    private static String patterns(List<String> needles) {
        return "{" + String.join(",", needles.stream().map(n -> "%" + n + "%").toList()) + "}";
    }

    private static String record(String externalId, String kind, String name, String contacts) {
        return "{\"externalId\":\"ERASURE-" + externalId + "-" + TAG + "\",\"kind\":\"" + kind + "\",\"legalName\":\"" + name
                + "\",\"displayName\":\"" + name + "\",\"country\":\"FR\",\"contacts\":[" + contacts + "]}";
    }

    private static String contact(String name, String email, String role) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"language\":\"fr\","
                + "\"consents\":{\"campaigns\":true}}";
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                return; // the assertions that follow say what is missing
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
