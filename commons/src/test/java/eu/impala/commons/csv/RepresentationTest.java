package eu.impala.commons.csv;

import static eu.impala.commons.csv.Representation.CSV;
import static eu.impala.commons.csv.Representation.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import eu.impala.commons.problem.ProblemException;

class RepresentationTest {

    private static final Representation[] JSON_FIRST = {JSON, CSV};

    @Test
    void noAcceptTakesWhatTheResourceOffersFirst() {
        assertEquals(JSON, Representation.chosen((String) null, JSON_FIRST));
        assertEquals(JSON, Representation.chosen(" ", JSON_FIRST));
        assertEquals(CSV, Representation.chosen((String) null, CSV));
    }

    @ParameterizedTest(name = "Accept: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // exact types, whatever their case and parameters
        "text/csv | CSV", "Text/CSV; charset=UTF-8 | CSV", "application/json | JSON",
        // wildcards match; a tie goes to what the resource offers first
        "*/* | JSON", "* | JSON", "text/* | CSV", "application/xml, text/*;q=0.5 | CSV",
        // the higher quality wins
        "application/json;q=0.4, text/csv;q=0.9 | CSV", "text/csv;q=0.2, */*;q=0.5 | JSON",
        "text/csv; q=0.1, application/json | JSON",
        // the most specific range sets the quality, and q=0 refuses
        "'*/*, text/csv;q=0' | JSON", "'text/*;q=0.9, text/csv;q=0.1, application/json;q=0.05' | CSV",
        // an unreadable range is ignored
        "'nonsense, text/csv;q=abc, text/csv;q=0.3' | CSV", "'text/csv;q=7, text/*' | CSV",
        "'text/csv;q=NaN, application/json;q=0.5' | JSON"})
    void acceptChoosesByQualityThenSpecificityThenTheResourcesOrder(String accept, Representation expected) {
        assertEquals(expected, Representation.chosen(accept, JSON_FIRST));
    }

    @Test
    void aWildcardTieGoesToTheFirstOffered() {
        assertEquals(CSV, Representation.chosen("*/*", CSV, JSON));
    }

    @Test
    void anAcceptThatRefusesEveryOfferIsA406NamingWhatIsOffered() {
        ProblemException xml = assertThrows(ProblemException.class,
                () -> Representation.chosen("application/xml", JSON_FIRST));
        assertEquals(406, xml.status());
        assertEquals("not-acceptable", xml.slug());
        assertTrue(xml.getMessage().contains("application/json or text/csv"), xml.getMessage());
        for (String refusing : new String[] {"*/*;q=0", "garbage"}) {
            assertEquals(406, assertThrows(ProblemException.class,
                    () -> Representation.chosen(refusing, JSON_FIRST)).status(), refusing);
        }
        assertEquals(406, assertThrows(ProblemException.class,
                () -> Representation.chosen("application/json", CSV)).status());
    }
}
