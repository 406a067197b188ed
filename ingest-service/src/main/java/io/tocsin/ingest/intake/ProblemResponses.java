package io.tocsin.ingest.intake;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Rejections of the non-PagerDuty endpoints as RFC 9457 problem details: {@code type} names the reason
 * ({@code urn:tocsin:problem:<reason>}), {@code detail} says what to do, {@code errors} lists every problem.
 * Ordered before Spring's own problem-details handler, which would answer an oversized multipart body untyped.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ProblemResponses {

    private final IngestMetrics metrics;

    ProblemResponses(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(Rejected rejected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(rejected.reason().status(), rejected.getMessage());
        problem.setType(URI.create("urn:tocsin:problem:" + rejected.reason().tag()));
        problem.setTitle(rejected.reason().title());
        if (rejected.errors().size() > 1 || !rejected.errors().getFirst().equals(rejected.getMessage())) {
            problem.setProperty("errors", rejected.errors());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(rejected.reason().status());
        rejected.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(problem);
    }

    /** Multipart bodies are parsed by the servlet container before any endpoint sees them. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        Reason reason = e instanceof MaxUploadSizeExceededException ? Reason.TOO_LARGE : Reason.MALFORMED;
        metrics.rejected(IngestMetrics.UNKNOWN_TYPE, reason);
        return rejected(new Rejected(reason, reason == Reason.TOO_LARGE
                ? "The multipart body is larger than the limit"
                : "The multipart body could not be read: " + e.getMostSpecificCause().getMessage()));
    }
}
