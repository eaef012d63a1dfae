package eu.impala.commons.validation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * Reads a {@code @QueryParam UUID}. JAX-RS answers 404 to a query value it cannot convert; a filter that is not a
 * UUID is bad input, so it is a 400 problem naming the parameter. A path segment that is not a UUID stays a 404.
 */
@Provider
public class UuidQueryParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != UUID.class || annotations == null) {
            return null;
        }
        return Arrays.stream(annotations).filter(QueryParam.class::isInstance).map(QueryParam.class::cast)
                .findFirst().map(query -> (ParamConverter<T>) new Converter(query.value())).orElse(null);
    }

    /** A blank value counts as absent, as a missing parameter does. */
    private record Converter(String parameter) implements ParamConverter<UUID> {

        @Override
        public UUID fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                // The REST layer wraps this in its 404; ProblemMappers answers the problem it carries.
                throw ProblemException.badRequest(parameter + " must be a UUID",
                        List.of(new Problem.FieldError(parameter, "must be a UUID")));
            }
        }

        @Override
        public String toString(UUID value) {
            return value == null ? null : value.toString();
        }
    }
}
