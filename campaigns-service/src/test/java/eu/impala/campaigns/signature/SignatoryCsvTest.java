package eu.impala.campaigns.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignatoryCsvTest {

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertEquals("plain", SignatoryCsv.cell("plain"));
        assertEquals("\"a,b\"", SignatoryCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SignatoryCsv.cell("say \"hi\""));
        assertEquals("'=1+1", SignatoryCsv.cell("=1+1"));
        assertEquals("'@cmd", SignatoryCsv.cell("@cmd"));
        assertEquals("-3", SignatoryCsv.cell(-3));
        assertEquals("", SignatoryCsv.cell(null));
    }
}
