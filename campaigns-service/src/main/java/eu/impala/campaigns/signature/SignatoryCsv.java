package eu.impala.campaigns.signature;

import java.util.List;
import java.util.Map;

/** Writes the signatories export as RFC 4180 CSV that spreadsheets open safely. */
final class SignatoryCsv {

    /** Where a spreadsheet may split a line: ',' (ours), ';' (locales with a decimal comma), tab, line ends. */
    private static final String SEPARATORS = ",;\t\r\n";
    /** What makes a cell a formula (OWASP's list) when it comes first in the cell. */
    private static final String FORMULA_START = "=+-@\t\r";

    private SignatoryCsv() {
    }

    static String write(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", SignatureResource.EXPORT_COLUMNS)).append("\r\n");
        for (Map<String, Object> row : rows) {
            boolean first = true;
            for (String column : SignatureResource.EXPORT_COLUMNS) {
                out.append(first ? "" : ",").append(cell(row.get(column)));
                first = false;
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * Quotes what needs quoting, and defuses text that a spreadsheet would run as a formula (a comment
     * starting with '=' must stay a comment) whichever separator it splits at: a spreadsheet that splits at
     * ';' ignores quotes that open mid-field, so "Acme;=1+1" would still give it a cell "=1+1". Numbers are
     * written as they are.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = defused(value.toString());
        if (text.chars().anyMatch(c -> SEPARATORS.indexOf(c) >= 0 || c == '"')) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /**
     * Puts a ' before each formula character that could open a cell: at the start, or after a separator, past any
     * spaces and double quotes (which a spreadsheet may trim or take for the opening quote of a field).
     */
    private static String defused(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);
        boolean cellStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (cellStart && FORMULA_START.indexOf(c) >= 0) {
                out.append('\'');
            }
            out.append(c);
            cellStart = SEPARATORS.indexOf(c) >= 0 || cellStart && (c == ' ' || c == '"');
        }
        return out.toString();
    }
}
