package eu.impala.commons.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail as every service returns it, with {@code errors} naming the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Base of our problem type URIs; each names a documented kind of error. */
    public static final String TYPE_BASE = "https://api.impala.eu/problems/";

    /** One field that failed validation: a JSON path such as {@code contacts[0].email}, or a CSV row and column. */
    public record FieldError(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }
}
