package eu.impala.commons.http;

import java.util.List;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: the {@code ETag} carries an entity's version, and a change must name the
 * version it was based on in {@code If-Match}.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version a client based its change on.
     *
     * @throws ProblemException 428 when If-Match is missing, 400 when it is not one of our ETags
     */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition Required",
                    "send the ETag of the version you changed in If-Match, so that nobody's change is lost");
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be an ETag this API issued",
                    List.of(new Problem.FieldError("If-Match", "not an ETag of this API: " + ifMatch)));
        }
    }

    /** Fails with 412 when the stored version moved on since the client read it. */
    public static void check(long expected, long current) {
        if (expected != current) {
            throw ProblemException.staleVersion(current);
        }
    }
}
