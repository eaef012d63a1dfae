package eu.impala.membership.duplicate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys that make two members look like the same company or artist: the VAT number, the website's domain, and the
 * legal name within a country, each reduced to what stays the same however it was typed. Equal keys are a duplicate
 * candidate; a key that would say too little (no digits in a VAT number, a host without a dot, a name that is only a
 * legal form) is null, so that it matches nothing rather than everything.
 *
 * <p>Pure functions, no infrastructure: the same keys are written with every member and compared in SQL.
 * {@link #VERSION} names the rules: changing them raises it, with a migration that sets every member's match_version
 * to null, and the service derives the keys again when it starts ({@link MatchKeyBackfill}).
 */
public final class MatchKeys {

    /** The version of these rules, stored with each member's keys. */
    public static final int VERSION = 1;

    /** A VAT number needs at least this many digits after its country prefix to be a key (not "n/a", not "0"). */
    static final int MIN_VAT_DIGITS = 5;

    /**
     * Legal forms, word by word as they read once accents, case and dots are gone ("S.à r.l." is {@code sa rl},
     * "Sp. z o.o." {@code sp z oo}), removed from the start and the end of a legal name until none is left there:
     * "GmbH &amp; Co. KG" goes as kg, co, gmbh. Never from the middle: "Studio SA Music" keeps its words.
     */
    static final List<List<String>> LEGAL_FORMS = forms(
            // English, Irish, Maltese
            "ltd", "limited", "plc", "llp", "lp", "llc", "inc", "incorporated", "corp", "corporation", "co", "company",
            "cic", "dac", "uc",
            // French, Belgian, Luxembourgish
            "sa", "sas", "sasu", "sarl", "sa rl", "eurl", "sarlu", "sca", "scs", "snc", "sc", "scop", "scrl", "srl",
            "sprl", "asbl", "sci", "eirl", "societe anonyme", "societe par actions simplifiee",
            // German, Austrian, Swiss
            "gmbh", "ag", "kg", "ohg", "ug", "gbr", "ev", "ek", "eg", "kgaa", "haftungsbeschrankt", "mbh",
            // Dutch, Flemish
            "bv", "nv", "vof", "cv", "bvba", "cvba", "vzw",
            // Italian, Spanish, Portuguese
            "spa", "srls", "sl", "slu", "sll", "scp", "lda", "ltda", "unipessoal",
            // Nordic
            "ab", "hb", "kb", "aps", "as", "asa", "ans", "oy", "oyj", "ky", "ehf", "hf", "ivs",
            // Central and Eastern Europe, Baltics, Balkans
            "sro", "spol s ro", "sp z oo", "sp zoo", "spzoo", "kft", "zrt", "nyrt", "bt", "doo", "dd", "ad", "ood",
            "eood", "sia", "uab", "ou", "mb",
            // Greek, transliterated
            "ae", "epe", "ike", "oe", "ee");

    /** The legal forms by the word they end with, and by the word they start with, each the longest first. */
    private static final Map<String, List<List<String>>> ENDING_WITH = byWord(true);
    private static final Map<String, List<List<String>>> STARTING_WITH = byWord(false);

    /**
     * Hosts shared by many members (social and streaming sites): their domain alone says nothing, so the key is the
     * host with the first path segment, the member's page ({@code facebook.com/becausemusic}).
     */
    static final Set<String> SHARED_HOSTS = Set.of("facebook.com", "instagram.com", "twitter.com", "x.com",
            "youtube.com", "soundcloud.com", "bandcamp.com", "linktr.ee", "tiktok.com", "myspace.com", "spotify.com",
            "open.spotify.com", "music.apple.com", "deezer.com", "linkedin.com", "sites.google.com", "wixsite.com",
            "beacons.ai", "bsky.app");

    /** Letters that Unicode does not decompose into a base letter and a mark. */
    private static final Map<Character, String> FOLDED = Map.ofEntries(Map.entry('ß', "ss"), Map.entry('æ', "ae"),
            Map.entry('œ', "oe"), Map.entry('ø', "o"), Map.entry('ł', "l"), Map.entry('đ', "d"), Map.entry('ð', "d"),
            Map.entry('þ', "th"), Map.entry('ı', "i"), Map.entry('ħ', "h"));

    /** Characters that join the letters around them: dots and apostrophes. */
    private static final String JOINERS = ".'’`´";

    /** The VAT prefix of a country where it differs from the ISO code (Greece). */
    private static final Map<String, String> VAT_PREFIX = Map.of("GR", "EL");

    private MatchKeys() {
    }

    /**
     * The VAT number without spaces, dots, dashes or any other separator, in upper case. A number written without its
     * country prefix gets the member's ({@code 12345678901} of a French member is {@code FR12345678901}); Greece's
     * prefix is EL whether written GR or EL. Null when fewer than {@value #MIN_VAT_DIGITS} digits follow the prefix,
     * or all of them are zeros (placeholders).
     */
    public static String vat(String vatNumber, String country) {
        if (vatNumber == null) {
            return null;
        }
        String folded = fold(vatNumber);
        StringBuilder kept = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = Character.toUpperCase(folded.charAt(i));
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                kept.append(c);
            }
        }
        String compact = kept.toString();
        String prefix;
        String body;
        if (compact.length() >= 2 && Character.isLetter(compact.charAt(0)) && Character.isLetter(compact.charAt(1))) {
            prefix = compact.substring(0, 2);
            body = compact.substring(2);
        } else {
            prefix = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
            body = compact;
        }
        prefix = VAT_PREFIX.getOrDefault(prefix, prefix);
        int digits = 0;
        boolean zeros = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                zeros &= c == '0';
            }
        }
        if (digits < MIN_VAT_DIGITS || zeros) {
            return null;
        }
        return prefix + body;
    }

    /**
     * The website's host in lower case, without scheme, user, port, path, query or a leading {@code www.}:
     * {@code because.fr/label} and {@code https://www.Because.fr:443/} are both {@code because.fr}. On a
     * {@link #SHARED_HOSTS shared host} the first path segment is kept ({@code soundcloud.com/because}), and without
     * one there is no key. Null when the host has no dot.
     */
    public static String domain(String website) {
        if (website == null) {
            return null;
        }
        String rest = website.strip().toLowerCase(Locale.ROOT);
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        } else if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int end = firstOf(rest, "/?# \t");
        String authority = rest.substring(0, end);
        String path = rest.substring(end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int port = authority.indexOf(':');
        if (port >= 0) {
            authority = authority.substring(0, port);
        }
        String host = authority;
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        } else if (host.startsWith("m.")) {
            host = host.substring(2);
        }
        if (host.isEmpty() || !host.contains(".") || host.startsWith(".") || host.contains("..")) {
            return null;
        }
        if (SHARED_HOSTS.contains(host)) {
            String page = firstSegment(path);
            return page == null ? null : host + "/" + page;
        }
        return host;
    }

    /**
     * The legal name and the country, as {@code FR:because music}: accents gone (Unicode NFKD, then the marks
     * dropped; ß, æ, ø, œ, ł and a few more folded by hand), lower case, dots and apostrophes removed, every other
     * punctuation a space, spaces collapsed, and the {@link #LEGAL_FORMS legal-form words} at its start and end
     * removed. Null without a country, or when nothing is left (a name that is only a legal form or punctuation).
     */
    public static String nameAndCountry(String legalName, String country) {
        if (legalName == null || country == null || country.isBlank()) {
            return null;
        }
        String name = name(legalName);
        return name == null ? null : country.strip().toUpperCase(Locale.ROOT) + ":" + name;
    }

    /** The legal name reduced as {@link #nameAndCountry} describes, or null when nothing is left. */
    static String name(String legalName) {
        String folded = fold(legalName).toLowerCase(Locale.ROOT);
        // dots and apostrophes join what they separate (S.A.S., L'Autre); any other non-letter, non-digit splits
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if (JOINERS.indexOf(c) < 0 && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        // a form is looked up by the word it ends (or starts) with, the longest first: a few comparisons a name, not
        // the whole list twice over each round (which cost ~50 µs a name, more than the rest of a sync record)
        boolean stripped = true;
        while (stripped && !words.isEmpty()) {
            stripped = strip(words, ENDING_WITH.get(words.get(words.size() - 1)), true);
            if (!words.isEmpty()) {
                stripped |= strip(words, STARTING_WITH.get(words.get(0)), false);
            }
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /** Removes the first of {@code forms} found at the end (or start) of {@code words}; whether one was. */
    private static boolean strip(List<String> words, List<List<String>> forms, boolean atEnd) {
        if (forms == null) {
            return false;
        }
        for (List<String> form : forms) {
            int n = form.size();
            if (words.size() >= n) {
                List<String> part = atEnd ? words.subList(words.size() - n, words.size()) : words.subList(0, n);
                if (part.equals(form)) {
                    part.clear();
                    return true;
                }
            }
        }
        return false;
    }

    /** The legal forms by their last (or first) word, the longest first. */
    private static Map<String, List<List<String>>> byWord(boolean last) {
        Map<String, List<List<String>>> index = new java.util.HashMap<>();
        for (List<String> form : LEGAL_FORMS) {
            index.computeIfAbsent(last ? form.get(form.size() - 1) : form.get(0), k -> new ArrayList<>()).add(form);
        }
        index.replaceAll((word, forms) -> forms.stream()
                .sorted(java.util.Comparator.comparingInt((List<String> f) -> f.size()).reversed()).toList());
        return Map.copyOf(index);
    }

    private static List<List<String>> forms(String... forms) {
        return Arrays.stream(forms).distinct().map(f -> List.of(f.split(" "))).toList();
    }

    /** Accents removed: NFKD splits a letter from its marks, which are dropped; letters NFKD keeps whole are folded. */
    static String fold(String text) {
        if (ascii(text)) {
            return text; // nothing to decompose, no mark, nothing folded by hand
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            String folded = c < 128 ? null : FOLDED.get(Character.toLowerCase(c));
            if (folded == null) {
                out.append(c);
            } else {
                out.append(Character.isUpperCase(c) ? folded.toUpperCase(Locale.ROOT) : folded);
            }
        }
        return out.toString();
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String firstSegment(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String segment = path.substring(1, firstOf(path.substring(1), "/?#") + 1).strip();
        if (segment.startsWith("@")) {
            segment = segment.substring(1);
        }
        return segment.isEmpty() ? null : segment;
    }
}
