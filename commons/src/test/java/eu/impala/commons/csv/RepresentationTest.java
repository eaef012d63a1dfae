package eu.impala.commons.csv;

import static eu.impala.commons.csv.Representation.CSV;
import static eu.impala.commons.csv.Representation.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.ProblemException;

class RepresentationTest {

    @Test
    void noAcceptTakesWhatTheResourceOffersFirst() {
        assertEquals(JSON, Representation.chosen((String) null, JSON, CSV));
        assertEquals(JSON, Representation.chosen(" ", JSON, CSV));
        assertEquals(CSV, Representation.chosen((String) null, CSV));
    }

    @Test
    void anExactTypeIsChosenWhateverItsCase() {
        assertEquals(CSV, Representation.chosen("text/csv", JSON, CSV));
        assertEquals(CSV, Representation.chosen("Text/CSV; charset=UTF-8", JSON, CSV));
        assertEquals(JSON, Representation.chosen("application/json", JSON, CSV));
    }

    @Test
    void wildcardsMatchAndATieGoesToTheFirstOffered() {
        assertEquals(JSON, Representation.chosen("*/*", JSON, CSV));
        assertEquals(CSV, Representation.chosen("*/*", CSV, JSON));
        assertEquals(JSON, Representation.chosen("*", JSON, CSV));
        assertEquals(CSV, Representation.chosen("text/*", JSON, CSV));
        assertEquals(CSV, Representation.chosen("application/xml, text/*;q=0.5", JSON, CSV));
    }

    @Test
    void theHigherQualityWins() {
        assertEquals(CSV, Representation.chosen("application/json;q=0.4, text/csv;q=0.9", JSON, CSV));
        assertEquals(JSON, Representation.chosen("text/csv;q=0.2, */*;q=0.5", JSON, CSV));
        assertEquals(JSON, Representation.chosen("text/csv; q=0.1, application/json", JSON, CSV));
    }

    @Test
    void theMostSpecificRangeSetsTheQualityAndQZeroRefuses() {
        assertEquals(JSON, Representation.chosen("*/*, text/csv;q=0", JSON, CSV));
        assertEquals(JSON, Representation.chosen("text/*;q=0.9, text/csv;q=0.1, application/json;q=0.5", CSV, JSON));
    }

    @Test
    void anUnreadableRangeIsIgnored() {
        assertEquals(CSV, Representation.chosen("nonsense, text/csv;q=abc, text/csv;q=0.3", JSON, CSV));
        assertEquals(CSV, Representation.chosen("text/csv;q=7, text/*", JSON, CSV));
    }

    @Test
    void anAcceptThatRefusesEveryOfferIsA406NamingWhatIsOffered() {
        ProblemException xml = assertThrows(ProblemException.class,
                () -> Representation.chosen("application/xml", JSON, CSV));
        assertEquals(406, xml.status());
        assertEquals("not-acceptable", xml.slug());
        assertTrue(xml.getMessage().contains("application/json or text/csv"), xml.getMessage());
        assertEquals(406, assertThrows(ProblemException.class,
                () -> Representation.chosen("application/json", CSV)).status());
        assertEquals(406, assertThrows(ProblemException.class,
                () -> Representation.chosen("*/*;q=0", JSON, CSV)).status());
        assertEquals(406, assertThrows(ProblemException.class,
                () -> Representation.chosen("garbage", JSON, CSV)).status());
    }
}
