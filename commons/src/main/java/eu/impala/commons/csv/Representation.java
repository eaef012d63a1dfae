package eu.impala.commons.csv;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.impala.commons.problem.ProblemException;

/** JSON or CSV, as the request's Accept asks: the one way a resource chooses between them. */
public enum Representation {

    JSON(MediaType.APPLICATION_JSON), CSV(Csv.MEDIA_TYPE);

    private final String mediaType;

    Representation(String mediaType) {
        this.mediaType = mediaType;
    }

    /** What {@code headers}' Accept ranks highest of {@code offered}; see {@link #chosen(String, Representation...)}. */
    public static Representation chosen(HttpHeaders headers, Representation... offered) {
        return chosen(headers.getHeaderString(HttpHeaders.ACCEPT), offered);
    }

    /**
     * The offered representation that {@code accept} gives the highest quality (RFC 9110: the most specific matching
     * range sets it, q=0 refuses); on a tie the one offered first. No Accept takes the first offered.
     *
     * @throws ProblemException 406 when Accept refuses every offered representation
     */
    public static Representation chosen(String accept, Representation... offered) {
        if (accept == null || accept.isBlank()) {
            return offered[0];
        }
        List<AcceptedRange> ranges = AcceptedRange.parse(accept);
        Representation best = null;
        double bestQuality = 0;
        for (Representation candidate : offered) {
            double quality = candidate.quality(ranges);
            if (quality > bestQuality) {
                best = candidate;
                bestQuality = quality;
            }
        }
        if (best == null) {
            List<String> types = Arrays.stream(offered).map(r -> r.mediaType).toList();
            throw new ProblemException(406, "not-acceptable", "Not Acceptable",
                    "no acceptable representation; this resource offers " + String.join(" or ", types));
        }
        return best;
    }

    /** {@code value} as JSON, or as CSV of {@code columns} with a line per row; the builder takes further headers. */
    public <T> Response.ResponseBuilder answer(T value, List<String> columns,
                                               Function<? super T, ? extends List<? extends Map<String, ?>>> rows) {
        return this == CSV ? Response.ok(Csv.write(columns, rows.apply(value)), Csv.CONTENT_TYPE)
                : Response.ok(value, MediaType.APPLICATION_JSON_TYPE);
    }

    private double quality(List<AcceptedRange> ranges) {
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        int specificity = -1;
        double quality = 0;
        for (AcceptedRange range : ranges) {
            int matched = range.specificity(type, mediaType);
            if (matched > specificity || matched == specificity && range.quality() > quality) {
                specificity = matched;
                quality = range.quality();
            }
        }
        return specificity < 0 ? 0 : quality;
    }

    /** One media range of an Accept header with its q; parameters other than q do not change the choice. */
    private record AcceptedRange(String range, double quality) {

        static List<AcceptedRange> parse(String accept) {
            return Arrays.stream(accept.split(",")).map(AcceptedRange::parseOne)
                    .filter(Objects::nonNull).toList();
        }

        /** A range that cannot be read is left out, as if the client had not sent it. */
        private static AcceptedRange parseOne(String text) {
            String[] parts = text.split(";");
            String range = parts[0].strip().toLowerCase(Locale.ROOT);
            if (range.equals("*")) {
                range = "*/*"; // what some old HTTP clients send
            }
            if (range.indexOf('/') <= 0) {
                return null;
            }
            double quality = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].strip().split("=", 2);
                if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("q")) {
                    try {
                        quality = Double.parseDouble(parameter[1].strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            // NaN fails both comparisons: only a q from 0 to 1 is read
            return quality >= 0 && quality <= 1 ? new AcceptedRange(range, quality) : null;
        }

        /** 2 for the exact type, 1 for {@code type/*}, 0 for {@code *}{@code /*}, -1 when the range does not match. */
        int specificity(String type, String mediaType) {
            if (range.equals(mediaType)) {
                return 2;
            }
            if (range.equals(type + "/*")) {
                return 1;
            }
            return range.equals("*/*") ? 0 : -1;
        }
    }
}
