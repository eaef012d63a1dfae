package eu.impala.commons.validation;

import java.util.Arrays;
import java.util.List;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;

/**
 * Reads an enum from a query parameter. JAX-RS answers 404 to a value it cannot convert; a filter with a wrong
 * value is bad input, so it is a 400 problem naming the accepted values.
 */
public final class EnumParam {

    private EnumParam() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.toString(type.getEnumConstants());
            throw ProblemException.badRequest(parameter + " must be one of " + accepted,
                    List.of(new Problem.FieldError(parameter, "must be one of " + accepted)));
        }
    }
}
