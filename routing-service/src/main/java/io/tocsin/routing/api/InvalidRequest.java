package io.tocsin.routing.api;

import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.validation.BindingResult;

/** The request is well-formed but says something impossible (a target that does not exist...): 400. */
public class InvalidRequest extends RuntimeException {

    public InvalidRequest(String message) {
        super(message);
    }

    /** The fields a request's binding or validation refused, as the API words them ("'name' must not be blank"). */
    public static InvalidRequest of(BindingResult binding) {
        return new InvalidRequest(binding.getFieldErrors().stream()
                .map(error -> ApiProblems.field(error.getField()) + " " + (error.contains(TypeMismatchException.class)
                        ? ApiProblems.expected(error.unwrap(TypeMismatchException.class).getRequiredType())
                        : error.getDefaultMessage()))
                .collect(Collectors.joining("; ")));
    }
}
