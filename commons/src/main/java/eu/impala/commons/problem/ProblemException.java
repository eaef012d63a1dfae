package eu.impala.commons.problem;

import java.util.List;

/**
 * Thrown by services for an expected failure the caller can act on (conflict, stale version, not found...);
 * {@link ProblemMappers} turns it into problem+json with its status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not Found", what + " was not found");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException staleVersion(long current) {
        return new ProblemException(412, "stale-version", "Precondition Failed",
                "the resource was changed by someone else; its current version is " + current
                        + ": fetch it again and retry with its ETag in If-Match");
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Payload Too Large", detail);
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "validation", "Bad Request", detail, errors);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
