package eu.impala.campaigns.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignatoryCsvTest {

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertEquals("plain", SignatoryCsv.cell("plain"));
        assertEquals("\"a,b\"", SignatoryCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SignatoryCsv.cell("say \"hi\""));
        assertEquals("'=1+1", SignatoryCsv.cell("=1+1"));
        assertEquals("'@cmd", SignatoryCsv.cell("@cmd"));
        assertEquals("", SignatoryCsv.cell(null));
    }

    @Test
    void aFormulaAfterASemicolonIsDefusedForSpreadsheetsThatSplitAtSemicolons() {
        assertEquals("\"Acme;'=1+1\"", SignatoryCsv.cell("Acme;=1+1"));
        assertEquals("\"Acme;'=HYPERLINK(\"\"http://x.example\"\")\"", SignatoryCsv.cell("Acme;=HYPERLINK(\"http://x.example\")"));
    }

    @Test
    void aFormulaAfterACommaIsDefusedForSpreadsheetsThatIgnoreTheQuotes() {
        assertEquals("\"x,'@SUM(A1)\"", SignatoryCsv.cell("x,@SUM(A1)"));
    }

    @Test
    void tabsAreQuotedAndAFormulaAfterOneIsDefused() {
        assertEquals("\"a\tb\"", SignatoryCsv.cell("a\tb"));
        assertEquals("\"a\t'-2+3\"", SignatoryCsv.cell("a\t-2+3"));
        assertEquals("\"'\tb\"", SignatoryCsv.cell("\tb"));
    }

    @Test
    void aFormulaOnANewLineIsDefused() {
        assertEquals("\"thanks\n'@everyone\"", SignatoryCsv.cell("thanks\n@everyone"));
    }

    @Test
    void spacesAndQuotesBeforeAFormulaDoNotHideIt() {
        assertEquals("\"Acme; '+1 555 0100\"", SignatoryCsv.cell("Acme; +1 555 0100"));
        assertEquals("\"x;\"\"'=1\"\"\"", SignatoryCsv.cell("x;\"=1\""));
        assertEquals(" '=1", SignatoryCsv.cell(" =1"));
    }

    @Test
    void aNameWithASemicolonIsQuotedButOtherwiseUnchanged() {
        assertEquals("\"Müller; Schmidt & Söhne\"", SignatoryCsv.cell("Müller; Schmidt & Söhne"));
        assertEquals("\"Rock'n'Roll e.V.; Sektion 3-4\"", SignatoryCsv.cell("Rock'n'Roll e.V.; Sektion 3-4"));
    }

    @Test
    void numbersAreWrittenAsTheyAreEvenWhenNegative() {
        assertEquals("-3", SignatoryCsv.cell(-3));
        assertEquals("-1250.50", SignatoryCsv.cell(new BigDecimal("-1250.50")));
        assertEquals("'-3", SignatoryCsv.cell("-3"), "text that looks like a number is still text");
    }

    @Test
    void aRowKeepsItsColumnsWhateverTheCellsContain() {
        Map<String, Object> row = new HashMap<>();
        row.put("display_name", "Acme;=1+1");
        row.put("comment", "x,@SUM(A1)");
        row.put("pledge", -3);
        String line = SignatoryCsv.write(List.of(row)).split("\r\n")[1];
        assertEquals(",,\"Acme;'=1+1\",,,,,,,,,\"x,'@SUM(A1)\",-3", line);
    }
}
