package eu.impala.membership.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.membership.contact.ContactRole;
import eu.impala.membership.member.MemberKind;
import eu.impala.membership.member.MembershipCategory;
import eu.impala.membership.member.SizeClass;

/**
 * The CSV form of a sync (RFC 4180: comma-separated, double quotes around fields with commas, quotes or line
 * breaks) turned into sync records. One row per member, plus one more row with the same externalId for each further
 * contact. Problems name the line ({@code row 7: country}), counting the header as row 1. Rows are counted as they
 * are read: blank lines are skipped but counted, so that a body of nothing but line breaks ends at the row limit.
 */
final class SyncCsv {

    static final List<String> HEADER = List.of("externalId", "memberId", "kind", "legalName", "displayName", "country", "website",
            "vatNumber", "headcount", "turnoverEur", "sizeClass", "category", "joinedOn", "renewalDueOn",
            "contactName", "contactEmail", "contactPhone", "contactRole", "contactLanguage", "contactConsents");
    static final int MAX_ROWS = 100_000;
    /** Every column named, quoted and spaced out, is a few hundred characters: a longer first line is no header. */
    private static final int MAX_HEADER_LENGTH = 1_000;

    /**
     * A member gathered from its rows, as a sync record and the problems of turning cells into its fields, or a row
     * without externalId (no record, only its problems). {@code index} counts members in the order they first
     * appear, and a keyless row by its position among the data rows.
     */
    record Read(int index, int row, String externalId, SyncRecord record, List<Problem.FieldError> errors) {
    }

    private SyncCsv() {
    }

    /** The body's members in the order of their first row; 413 as soon as a limit is passed. */
    static List<Read> read(String body, int maxRecords) {
        Rows rows = new Rows(body);
        List<String> header = header(rows);
        Map<String, Member> members = new LinkedHashMap<>();
        List<Read> keyless = new ArrayList<>();
        for (int i = 1; rows.hasNext(); i++) {
            if (i > MAX_ROWS) {
                throw ProblemException.tooLarge("a CSV sync takes at most " + MAX_ROWS + " rows, blank ones "
                        + "included; split it into several requests");
            }
            int row = i + 1;
            Rows.Line line = rows.next(header.size());
            List<String> cells = line.cells();
            if (line.fields() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = c < cells.size() ? cells.get(c).trim() : "";
                values.put(header.get(c), v.isEmpty() ? null : v);
            }
            List<Problem.FieldError> errors = new ArrayList<>();
            if (line.fields() > header.size()) {
                errors.add(new Problem.FieldError("row " + row, "has " + line.fields() + " fields, the header " + header.size()));
            }
            String externalId = values.get("externalId");
            Member member = externalId == null ? null : members.get(externalId);
            if (member == null && members.size() + keyless.size() == maxRecords) {
                throw SyncBatch.tooManyRecords();
            }
            if (externalId == null) {
                errors.add(new Problem.FieldError("row " + row + ": externalId", "must not be blank"));
                keyless.add(new Read(i - 1, row, null, null, errors));
                continue;
            }
            SyncContact contact = contact(values, row, errors);
            if (member == null) {
                member = new Member(row, values, new ArrayList<>(), errors);
                members.put(externalId, member);
            } else {
                member.differences(row, values);
                member.errors.addAll(errors);
            }
            if (contact != null) {
                member.contacts.add(contact);
            }
        }
        List<Read> out = new ArrayList<>(keyless);
        int index = 0;
        for (Member m : members.values()) {
            out.add(m.read(index++));
        }
        out.sort(Comparator.comparingInt(Read::row));
        return out;
    }

    /** The first row, which must name known columns, externalId among them. */
    private static List<String> header(Rows rows) {
        if (!rows.hasNext()) {
            throw noHeader("the CSV is empty");
        }
        if (rows.lineLength(MAX_HEADER_LENGTH + 1) > MAX_HEADER_LENGTH) {
            throw noHeader("the CSV's first line is longer than any header");
        }
        List<String> header = rows.next(MAX_HEADER_LENGTH).cells().stream().map(String::trim).toList();
        if (header.stream().allMatch(String::isEmpty)) {
            throw noHeader("the CSV's first line is blank");
        }
        List<String> unknown = header.stream().filter(h -> !HEADER.contains(h)).toList();
        if (!unknown.isEmpty() || !header.contains("externalId")) {
            throw ProblemException.badRequest("the CSV header has unknown columns " + unknown + " or lacks externalId; "
                    + "the columns are " + String.join(",", HEADER),
                    List.of(new Problem.FieldError("row 1", "unknown columns " + unknown)));
        }
        return header;
    }

    private static ProblemException noHeader(String why) {
        return ProblemException.badRequest(why + "; its first row must be the header: " + String.join(",", HEADER),
                List.of(new Problem.FieldError("row 1", "header expected: " + String.join(",", HEADER))));
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

    /** The rows of one externalId gathered: the first row's member columns and every row's contact. */
    private record Member(int row, Map<String, String> values, List<SyncContact> contacts, List<Problem.FieldError> errors) {

        /** A further row may leave the member's columns empty, or repeat them, but not say something else. */
        void differences(int other, Map<String, String> otherValues) {
            for (String column : HEADER.subList(1, 14)) {
                String v = otherValues.get(column);
                if (v != null && !v.equals(values.get(column))) {
                    errors.add(new Problem.FieldError("row " + other + ": " + column,
                            "differs from row " + row + " of the same externalId"));
                }
            }
        }

        Read read(int index) {
            List<Problem.FieldError> problems = new ArrayList<>(errors);
            String at = "row " + row + ": ";
            SyncRecord record = new SyncRecord(values.get("externalId"),
                    convert(values, "memberId", UUID::fromString, at, problems, "a member id (UUID)"),
                    convert(values, "kind", MemberKind::valueOf, at, problems, Arrays.toString(MemberKind.values())),
                    values.get("legalName"), values.get("displayName"), values.get("country"), values.get("website"),
                    values.get("vatNumber"),
                    convert(values, "headcount", Integer::valueOf, at, problems, "a whole number"),
                    convert(values, "turnoverEur", BigDecimal::new, at, problems, "a number"),
                    convert(values, "sizeClass", SizeClass::valueOf, at, problems, Arrays.toString(SizeClass.values())),
                    convert(values, "category", MembershipCategory::valueOf, at, problems,
                            Arrays.toString(MembershipCategory.values())),
                    convert(values, "joinedOn", LocalDate::parse, at, problems, "a date YYYY-MM-DD"),
                    convert(values, "renewalDueOn", LocalDate::parse, at, problems, "a date YYYY-MM-DD"),
                    contacts);
            return new Read(index, row, record.externalId(), record, problems);
        }
    }

    /** RFC 4180 rows read one at a time; a quoted field may hold commas, doubled quotes and line breaks. */
    static final class Rows {

        /** A row's first fields, as many as asked for, and how many it has in all. */
        record Line(List<String> cells, int fields) {
        }

        private final String text;
        private int at;

        Rows(String text) {
            this.text = text;
            this.at = text.startsWith("\uFEFF") ? 1 : 0;
        }

        boolean hasNext() {
            return at < text.length();
        }

        /** The length of the next line up to its first line break, looking no further than {@code limit}. */
        int lineLength(int limit) {
            int end = Math.min(text.length(), at + limit);
            for (int i = at; i < end; i++) {
                if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                    return i - at;
                }
            }
            return end - at;
        }

        /** The next row, keeping its first {@code keep} fields: the others are counted, not kept. */
        Line next(int keep) {
            List<String> cells = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int fields = 0;
            boolean quoted = false;
            while (at < text.length()) {
                char ch = text.charAt(at++);
                if (quoted) {
                    if (ch != '"') {
                        field.append(ch);
                    } else if (at < text.length() && text.charAt(at) == '"') {
                        field.append('"');
                        at++;
                    } else {
                        quoted = false;
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields = add(cells, field, fields, keep);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && at < text.length() && text.charAt(at) == '\n') {
                        at++;
                    }
                    break;
                } else {
                    field.append(ch);
                }
            }
            return new Line(cells, add(cells, field, fields, keep));
        }

        private static int add(List<String> cells, StringBuilder field, int fields, int keep) {
            if (fields < keep) {
                cells.add(field.toString());
            }
            field.setLength(0);
            return fields + 1;
        }
    }
}
