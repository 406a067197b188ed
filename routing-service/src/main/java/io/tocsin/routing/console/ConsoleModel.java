package io.tocsin.routing.console;

import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page shows or needs: who is signed in, whether they may act, and the token forms echo back;
 * and the page a person sees when what they asked for is not there or not valid (the API answers JSON instead).
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModel {

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(NotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, e, request);
    }

    @ExceptionHandler(InvalidRequest.class)
    ModelAndView invalid(InvalidRequest e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, e, request);
    }

    private ModelAndView problem(HttpStatus status, RuntimeException e, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("console/problem", status);
        page.addObject("problem", e.getMessage());
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        page.addObject("caller", caller);
        page.addObject("csrf", ((CsrfToken) request.getAttribute(CsrfToken.class.getName())).getToken());
        return page;
    }

    @ModelAttribute("caller")
    Caller caller(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return caller;
    }

    /** A read-only token sees no buttons: the server would refuse what they do (as the API does). */
    @ModelAttribute("mayAct")
    boolean mayAct(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return caller.role() != Role.READ_ONLY;
    }

    /** Spring Security's CSRF token of the session, for forms to echo back as {@code _csrf}. */
    @ModelAttribute("csrf")
    String csrf(CsrfToken csrf) {
        return csrf.getToken();
    }
}
