package eu.impala.commons.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("'@cmd", Csv.cell("@cmd"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void aFormulaAfterASemicolonIsDefusedForSpreadsheetsThatSplitAtSemicolons() {
        assertEquals("\"Acme;'=1+1\"", Csv.cell("Acme;=1+1"));
        assertEquals("\"Acme;'=HYPERLINK(\"\"http://x.example\"\")\"", Csv.cell("Acme;=HYPERLINK(\"http://x.example\")"));
    }

    @Test
    void aFormulaAfterACommaIsDefusedForSpreadsheetsThatIgnoreTheQuotes() {
        assertEquals("\"x,'@SUM(A1)\"", Csv.cell("x,@SUM(A1)"));
    }

    @Test
    void tabsAreQuotedAndAFormulaAfterOneIsDefused() {
        assertEquals("\"a\tb\"", Csv.cell("a\tb"));
        assertEquals("\"a\t'-2+3\"", Csv.cell("a\t-2+3"));
        assertEquals("\"'\tb\"", Csv.cell("\tb"));
    }

    @Test
    void aFormulaOnANewLineIsDefused() {
        assertEquals("\"thanks\n'@everyone\"", Csv.cell("thanks\n@everyone"));
    }

    @Test
    void spacesAndQuotesBeforeAFormulaDoNotHideIt() {
        assertEquals("\"Acme; '+1 555 0100\"", Csv.cell("Acme; +1 555 0100"));
        assertEquals("\"x;\"\"'=1\"\"\"", Csv.cell("x;\"=1\""));
        assertEquals(" '=1", Csv.cell(" =1"));
    }

    @Test
    void aNameWithASemicolonIsQuotedButOtherwiseUnchanged() {
        assertEquals("\"Müller; Schmidt & Söhne\"", Csv.cell("Müller; Schmidt & Söhne"));
        assertEquals("\"Rock'n'Roll e.V.; Sektion 3-4\"", Csv.cell("Rock'n'Roll e.V.; Sektion 3-4"));
    }

    @Test
    void numbersAreWrittenAsTheyAreEvenWhenNegative() {
        assertEquals("-3", Csv.cell(-3));
        assertEquals("-1250.50", Csv.cell(new BigDecimal("-1250.50")));
        assertEquals("'-3", Csv.cell("-3"), "text that looks like a number is still text");
    }

    @Test
    void aRowKeepsItsColumnsWhateverTheCellsContain() {
        Map<String, Object> row = new HashMap<>();
        row.put("display_name", "Acme;=1+1");
        row.put("comment", "x,@SUM(A1)");
        row.put("pledge", -3);
        String line = Csv.write(List.of("id", "display_name", "comment", "pledge"), List.of(row)).split("\r\n")[1];
        assertEquals(",\"Acme;'=1+1\",\"x,'@SUM(A1)\",-3", line);
    }
}
