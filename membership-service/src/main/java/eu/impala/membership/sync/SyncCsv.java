package eu.impala.membership.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.membership.contact.ContactRole;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.SizeClass;

/**
 * The CSV form of a sync (RFC 4180: comma-separated, double quotes around fields with commas, quotes or line
 * breaks). One row per member, plus one more row with the same externalId for each further contact. Problems
 * name the line ({@code row 7: country}), counting the header as row 1.
 */
final class SyncCsv {

    static final List<String> HEADER = List.of("externalId", "kind", "legalName", "displayName", "country", "website",
            "vatNumber", "headcount", "turnoverEur", "sizeClass", "category", "joinedOn", "renewalDueOn",
            "contactName", "contactEmail", "contactPhone", "contactRole", "contactLanguage", "contactConsents");
    private static final int MAX_ROWS = 100_000;

    private final SyncReader reader;

    SyncCsv(SyncReader reader) {
        this.reader = reader;
    }

    List<SyncBatch.Entry> read(String body) {
        List<List<String>> lines = parse(body);
        if (lines.isEmpty()) {
            throw ProblemException.badRequest("the CSV is empty; its first row must be the header",
                    List.of(new Problem.FieldError("row 1", "header expected: " + String.join(",", HEADER))));
        }
        List<String> header = lines.get(0).stream().map(String::trim).toList();
        List<String> unknown = header.stream().filter(h -> !HEADER.contains(h)).toList();
        if (!unknown.isEmpty() || !header.contains("externalId")) {
            throw ProblemException.badRequest("the CSV header has unknown columns " + unknown + " or lacks externalId; "
                    + "the columns are " + String.join(",", HEADER),
                    List.of(new Problem.FieldError("row 1", "unknown columns " + unknown)));
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw ProblemException.tooLarge("a CSV sync takes at most " + MAX_ROWS + " rows");
        }
        Map<String, Member> members = new LinkedHashMap<>();
        List<SyncBatch.Entry> broken = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            int row = i + 1;
            List<String> cells = lines.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue; // blank line
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = c < cells.size() ? cells.get(c).trim() : "";
                values.put(header.get(c), v.isEmpty() ? null : v);
            }
            List<Problem.FieldError> errors = new ArrayList<>();
            if (cells.size() > header.size()) {
                errors.add(new Problem.FieldError("row " + row, "has " + cells.size() + " fields, the header " + header.size()));
            }
            String externalId = values.get("externalId");
            if (externalId == null) {
                errors.add(new Problem.FieldError("row " + row + ": externalId", "must not be blank"));
                broken.add(new SyncBatch.Entry(i - 1, row, null, null, errors));
                continue;
            }
            Member member = members.get(externalId);
            SyncContact contact = contact(values, row, errors);
            if (member == null) {
                member = new Member(row, values, new ArrayList<>(), errors);
                members.put(externalId, member);
            } else {
                for (String column : HEADER.subList(1, 13)) {
                    String v = values.get(column);
                    if (v != null && !v.equals(member.values.get(column))) {
                        member.errors.add(new Problem.FieldError("row " + row + ": " + column,
                                "differs from row " + member.row + " of the same externalId"));
                    }
                }
                member.errors.addAll(errors);
            }
            if (contact != null) {
                member.contacts.add(contact);
            }
        }
        reader.requireAtMost(members.size() + broken.size());
        List<SyncBatch.Entry> entries = new ArrayList<>(broken);
        int index = 0;
        for (Member m : members.values()) {
            entries.add(toEntry(index++, m));
        }
        entries.sort(java.util.Comparator.comparing(e -> e.row() == null ? 0 : e.row()));
        return entries;
    }

    private SyncBatch.Entry toEntry(int index, Member m) {
        List<Problem.FieldError> errors = new ArrayList<>(m.errors);
        Map<String, String> v = m.values;
        String at = "row " + m.row + ": ";
        SyncRecord record = new SyncRecord(v.get("externalId"),
                convert(v, "kind", s -> MemberKind.valueOf(s), at, errors, Arrays.toString(MemberKind.values())),
                v.get("legalName"), v.get("displayName"), v.get("country"), v.get("website"), v.get("vatNumber"),
                convert(v, "headcount", Integer::valueOf, at, errors, "a whole number"),
                convert(v, "turnoverEur", BigDecimal::new, at, errors, "a number"),
                convert(v, "sizeClass", SizeClass::valueOf, at, errors, Arrays.toString(SizeClass.values())),
                convert(v, "category", MembershipCategory::valueOf, at, errors, Arrays.toString(MembershipCategory.values())),
                convert(v, "joinedOn", LocalDate::parse, at, errors, "a date YYYY-MM-DD"),
                convert(v, "renewalDueOn", LocalDate::parse, at, errors, "a date YYYY-MM-DD"),
                m.contacts);
        SyncBatch.Entry checked = reader.checked(index, m.row, record, at);
        errors.addAll(checked.errors());
        return errors.isEmpty() ? checked : new SyncBatch.Entry(index, m.row, record.externalId(), null, errors);
    }

    private static SyncContact contact(Map<String, String> v, int row, List<Problem.FieldError> errors) {
        if (v.get("contactName") == null && v.get("contactEmail") == null) {
            return null;
        }
        String at = "row " + row + ": ";
        Map<String, Boolean> consents = new LinkedHashMap<>();
        String granted = v.get("contactConsents");
        if (granted != null) {
            for (String purpose : granted.split(";")) {
                if (!purpose.isBlank()) {
                    consents.put(purpose.trim(), Boolean.TRUE);
                }
            }
        }
        return new SyncContact(v.get("contactName"), v.get("contactEmail"), v.get("contactPhone"),
                convert(v, "contactRole", ContactRole::valueOf, at, errors, Arrays.toString(ContactRole.values())),
                v.get("contactLanguage"), consents);
    }

    private static <T> T convert(Map<String, String> values, String column, Function<String, T> parse, String at,
                                 List<Problem.FieldError> errors, String expected) {
        String v = values.get(column);
        if (v == null) {
            return null;
        }
        try {
            return parse.apply(v);
        } catch (RuntimeException e) {
            errors.add(new Problem.FieldError(at + column, "must be " + expected));
            return null;
        }
    }

    /** RFC 4180 fields; a quoted field may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** The rows of one externalId gathered: the first row's member columns and every row's contact. */
    private record Member(int row, Map<String, String> values, List<SyncContact> contacts, List<Problem.FieldError> errors) {
    }
}
