package io.tocsin.routing.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * What an admin API operation answers, as the server sends it: springdoc alone documents every operation as
 * {@code 200} with a {@code *}{@code /*} body, and generated clients then drop the {@code 201} body of a create.
 */
final class OperationResponses {

    static final String PROBLEM = "Problem";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private OperationResponses() {
    }

    /** RFC 9457 problem details, as every refusal of the admin API is sent. */
    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details: detail says what to fix")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                // some problems carry more, e.g. the valid values of an enum
                .additionalProperties(true);
    }

    static Operation describe(Operation operation, HandlerMethod handler) {
        ApiResponses documented = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Optional<ApiResponse> springdocs = documented.entrySet().stream()
                .filter(response -> response.getKey().startsWith("2"))
                .map(Map.Entry::getValue)
                .findFirst();
        HttpStatus status = successStatus(handler);
        ApiResponse success = new ApiResponse().description(status.getReasonPhrase());
        if (status != HttpStatus.NO_CONTENT) {
            springdocs.map(ApiResponse::getContent).map(OperationResponses::jsonForAnyType).ifPresent(success::setContent);
        }
        ApiResponses responses = new ApiResponses().addApiResponse(String.valueOf(status.value()), success);
        problem(responses, HttpStatus.BAD_REQUEST, "The request is malformed or a value is invalid");
        problem(responses, HttpStatus.UNAUTHORIZED, "No bearer token, or one Tocsin does not know");
        problem(responses, HttpStatus.FORBIDDEN, "The token's role does not allow this request");
        if (hasParameter(handler, PathVariable.class)) {
            problem(responses, HttpStatus.NOT_FOUND, "Nothing has this id");
        }
        if (!method(handler).equals(RequestMethod.GET)) {
            problem(responses, HttpStatus.CONFLICT, "The change contradicts what is stored (a duplicate, or still in use)");
        }
        if (Arrays.stream(handler.getMethodParameters())
                .map(parameter -> parameter.getParameterAnnotation(RequestHeader.class))
                .anyMatch(header -> header != null && (HttpHeaders.IF_MATCH.equalsIgnoreCase(header.value())
                        || HttpHeaders.IF_MATCH.equalsIgnoreCase(header.name())))) {
            problem(responses, HttpStatus.PRECONDITION_FAILED, "If-Match names a version that is no longer current");
        }
        operation.setResponses(responses);
        return operation;
    }

    /**
     * {@code @ResponseStatus} where a handler declares it; a {@code ResponseEntity<Void>} answers 204, a POST's
     * {@code ResponseEntity} with a body 201 (the controllers' creates), anything else 200 (Spring's answer to a
     * void handler too).
     */
    private static HttpStatus successStatus(HandlerMethod handler) {
        ResponseStatus declared = handler.getMethodAnnotation(ResponseStatus.class);
        if (declared != null) {
            return declared.code();
        }
        MethodParameter returned = handler.getReturnType();
        if (ResponseEntity.class.isAssignableFrom(returned.getParameterType())) {
            Class<?> body = ResolvableType.forMethodParameter(returned).getGeneric(0).resolve(Object.class);
            if (body == Void.class) {
                return HttpStatus.NO_CONTENT;
            }
            return method(handler) == RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
        }
        return HttpStatus.OK;
    }

    private static RequestMethod method(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping == null || mapping.method().length == 0 ? RequestMethod.GET : mapping.method()[0];
    }

    private static boolean hasParameter(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> kind) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(parameter -> parameter.hasParameterAnnotation(kind));
    }

    /** Handlers that declare no produces answer JSON, which springdoc writes as any type. */
    private static Content jsonForAnyType(Content content) {
        Content json = new Content();
        content.forEach((type, media) -> json.addMediaType(type.equals("*/*") ? JSON : type, media));
        return json;
    }

    private static void problem(ApiResponses responses, HttpStatus status, String description) {
        responses.addApiResponse(String.valueOf(status.value()), new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }
}
