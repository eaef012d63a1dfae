package eu.impala.commons.csv;

import java.util.List;
import java.util.Map;

/** Writes RFC 4180 CSV that spreadsheets open safely: the one way the services write CSV. */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /** What a CSV answer says it is. */
    public static final String CONTENT_TYPE = "text/csv; charset=UTF-8";

    /** Where a spreadsheet may split a line: ',' (ours), ';' (locales with a decimal comma), tab, line ends. */
    private static final String SEPARATORS = ",;\t\r\n";
    /** What makes a cell a formula (OWASP's list) when it comes first in the cell. */
    private static final String FORMULA_START = "=+-@\t\r";

    private Csv() {
    }

    /** A header line of {@code columns}, then a line per row with the row's values in that order (missing: empty). */
    public static String write(List<String> columns, List<? extends Map<String, ?>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
        for (Map<String, ?> row : rows) {
            boolean first = true;
            for (String column : columns) {
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
    public static String cell(Object value) {
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
