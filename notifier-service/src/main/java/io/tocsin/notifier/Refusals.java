package io.tocsin.notifier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a {@link RequestRefused} thrown by any of the notifier's webhook controllers. */
@RestControllerAdvice
class Refusals {

    @ExceptionHandler
    void refused(RequestRefused refused, HttpServletRequest request, HttpServletResponse response) throws IOException {
        refused.writeTo(request, response);
    }
}
