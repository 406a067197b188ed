package io.tocsin.ingest.intake;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Rejections as PagerDuty's Events APIs answer them, {@code {"status","message","errors":[...]}}: a bad key is an
 * invalid event (400), as at PagerDuty; limits and outages keep their own status and Retry-After.
 */
@RestControllerAdvice(annotations = PagerDutyShaped.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PagerDutyResponses {

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> rejected(Rejected rejected) {
        Reason reason = rejected.reason();
        HttpStatus status = reason.isAboutTheKey() ? HttpStatus.BAD_REQUEST : reason.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", switch (status) {
            case BAD_REQUEST -> "invalid event";
            case TOO_MANY_REQUESTS -> "throttle event";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> reason.title().toLowerCase(Locale.ROOT);
        });
        body.put("message", status == HttpStatus.BAD_REQUEST ? "Event object is invalid" : rejected.getMessage());
        body.put("errors", rejected.errors());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        rejected.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(body);
    }
}
