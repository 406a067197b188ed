package io.tocsin.routing.console;

import io.tocsin.routing.auth.BearerTokenAuthentication;
import io.tocsin.routing.auth.Caller;
import io.tocsin.routing.auth.ConsoleAuthentication;
import io.tocsin.routing.auth.Role;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestAttribute;

/** What every console page shows or needs: who is signed in, whether they may act, and the token forms echo back. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("caller")
    Caller caller(@RequestAttribute(BearerTokenAuthentication.CALLER) Caller caller) {
        return caller;
    }

    /** A read-only token sees no buttons: the server would refuse what they do (as the API does). */
    @ModelAttribute("mayAct")
    boolean mayAct(@RequestAttribute(BearerTokenAuthentication.CALLER) Caller caller) {
        return caller.role() != Role.READ_ONLY;
    }

    @ModelAttribute("csrf")
    String csrf(@RequestAttribute(ConsoleAuthentication.CSRF) String csrf) {
        return csrf;
    }
}
