package io.tocsin.notifier.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.delivery.SendOutcome.Fault;

/**
 * How a Twilio API failure counts: Twilio unreachable, throttling and its own errors pass; a refused page does not.
 * Refused credentials or a suspended account (401, 403) are Twilio's side too: another provider may carry the page.
 */
public final class TwilioFailures {

    private TwilioFailures() {
    }

    public static SendOutcome.Failed unreachable(ApiConnectionException e) {
        return new SendOutcome.Failed(true, "Twilio unreachable: " + e.getMessage(), null, Fault.NO_ANSWER);
    }

    public static SendOutcome.Failed refused(ApiException e) {
        Integer status = e.getStatusCode();
        boolean temporary = status == null || status == 429 || status >= 500;
        boolean account = status != null && (status == 401 || status == 403);
        return new SendOutcome.Failed(temporary,
                "Twilio error " + e.getCode() + " (HTTP " + status + "): " + e.getMessage(), null,
                temporary || account ? Fault.PROVIDER : Fault.RECIPIENT);
    }
}
