package io.tocsin.routing.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** RFC 9457 problem details for the admin API, each saying what was wrong in words a person can act on. */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Pattern LEVEL = Pattern.compile("levels\\[(\\d+)](?:\\.(.+))?");

    @ExceptionHandler
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailed e) {
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(e.currentETag())
                .body(problem(HttpStatus.PRECONDITION_FAILED, "Precondition failed", e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidRequest e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = InvalidRequest.of(e.getBindingResult()).getMessage();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> "'" + result.getMethodParameter().getParameterName() + "' "
                                + error.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable request", unreadable(e)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            // for ?status=A&status=B the type that failed is the collection's element type
            ResolvableType parameter = ResolvableType.forMethodParameter(mismatch.getParameter());
            type = Collection.class.isAssignableFrom(parameter.toClass())
                    ? parameter.asCollection().resolveGeneric(0) : parameter.toClass();
        }
        UnstorableValue unstorable = cause(e, UnstorableValue.class);
        String detail = unstorable != null ? "'" + name + "' " + unstorable.getOriginalMessage()
                : "'" + name + "' " + expected(type) + ", not '" + e.getValue() + "'";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    /** Names the JSON field that could not be read and the form it needs, without Java class names. */
    private static String unreadable(HttpMessageNotReadableException e) {
        JacksonException jackson = cause(e, JacksonException.class);
        if (jackson == null || jackson instanceof StreamReadException) {
            String where = jackson == null || jackson.getLocation() == null ? ""
                    : " (line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr()
                            + ")";
            return "The body is not valid JSON" + where + ": send a JSON object with Content-Type application/json.";
        }
        String path = path(jackson);
        if (jackson instanceof UnstorableValue) {
            return field(path) + " " + jackson.getOriginalMessage();
        }
        if (jackson instanceof UnrecognizedPropertyException) {
            return field(path) + " is not a field of this request";
        }
        Class<?> type = jackson instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (jackson instanceof InvalidNullException || type != null && type.isPrimitive()
                && jackson.getOriginalMessage().contains("null")) {
            return field(path) + " is required";
        }
        if (path.isEmpty()) {
            return "The body must be a JSON object with this request's fields";
        }
        return field(path) + " " + expected(type);
    }

    /** The form a value of this type takes in the API, as a person would type it. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong form";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration such as PT5M (PT30S, PT4H, P1D)";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 UTC time such as 2026-03-01T12:00:00Z";
        }
        if (type == UUID.class) {
            return "must be an id (a UUID such as 3f9c2a71-5b2e-4c1d-9a8e-2f6b7c1d0e4a)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "must be a JSON object";
        }
        return "has the wrong form";
    }

    /**
     * The field as messages name it: {@code 'name'}, or {@code level 1: 'targets[1].type'} for
     * {@code levels[0].targets[1].type}, since people and the API's {@code level} count escalation levels from 1.
     */
    static String field(String path) {
        Matcher level = LEVEL.matcher(path);
        if (!level.matches()) {
            return "'" + path + "'";
        }
        String number = "level " + (Integer.parseInt(level.group(1)) + 1);
        return level.group(2) == null ? number : number + ": '" + level.group(2) + "'";
    }

    /** The field's JSON path, e.g. {@code levels[0].targets[1].type}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
