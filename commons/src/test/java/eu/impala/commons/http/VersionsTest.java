package eu.impala.commons.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.ProblemException;

class VersionsTest {

    @Test
    void anEtagNamesTheVersionAndIfMatchReadsItBack() {
        assertEquals("\"7\"", Versions.etag(7));
        assertEquals(7, Versions.required(Versions.etag(7)));
        assertEquals(7, Versions.required("W/\"7\""));
    }

    @Test
    void aMissingIfMatchIs428AndAForeignOneIs400() {
        assertEquals(428, assertThrows(ProblemException.class, () -> Versions.required(null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> Versions.required("\"abc\"")).status());
    }

    @Test
    void aStaleVersionIs412() {
        Versions.check(3, 3);
        assertEquals(412, assertThrows(ProblemException.class, () -> Versions.check(2, 3)).status());
    }
}
