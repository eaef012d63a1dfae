package eu.impala.campaigns.signature;

import java.util.List;
import java.util.Map;

/** Writes the signatories export as RFC 4180 CSV that spreadsheets open safely. */
final class SignatoryCsv {

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
     * starting with '=' must stay a comment).
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
