package eu.impala.commons.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import eu.impala.commons.problem.ProblemException;

class CursorPageTest {

    @Test
    void aFullPageCarriesTheCursorOfItsLastItem() {
        CursorPage<String> page = CursorPage.of(List.of("a", "b", "c"), 2, s -> s);
        assertEquals(List.of("a", "b"), page.items());
        assertEquals("b", Cursor.decode(page.next()));
    }

    @Test
    void theLastPageHasNoCursor() {
        CursorPage<String> page = CursorPage.of(List.of("a", "b"), 2, s -> s);
        assertEquals(List.of("a", "b"), page.items());
        assertNull(page.next());
    }

    @Test
    void aCursorWeDidNotIssueIsRejected() {
        ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode("djI6Zm9v"));
        assertEquals(400, e.status());
        assertThrows(ProblemException.class, () -> Cursor.decode("%%%"));
    }

    @Test
    void limitsOutsideTheRangeAreRejectedAndAbsentMeansTheDefault() {
        assertEquals(CursorPage.DEFAULT_LIMIT, Cursor.limit(null));
        assertEquals(CursorPage.MAX_LIMIT, Cursor.limit(CursorPage.MAX_LIMIT));
        assertThrows(ProblemException.class, () -> Cursor.limit(0));
        assertThrows(ProblemException.class, () -> Cursor.limit(CursorPage.MAX_LIMIT + 1));
    }
}
