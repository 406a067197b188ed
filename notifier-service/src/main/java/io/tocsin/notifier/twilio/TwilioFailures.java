package io.tocsin.notifier.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.tocsin.notifier.delivery.SendOutcome;

/** How a Twilio API failure counts: Twilio unreachable, throttling and its own errors pass; a refused page does not. */
public final class TwilioFailures {

    private TwilioFailures() {
    }

    public static SendOutcome.Failed unreachable(ApiConnectionException e) {
        return new SendOutcome.Failed(true, "Twilio unreachable: " + e.getMessage());
    }

    public static SendOutcome.Failed refused(ApiException e) {
        Integer status = e.getStatusCode();
        boolean temporary = status == null || status == 429 || status >= 500;
        return new SendOutcome.Failed(temporary,
                "Twilio error " + e.getCode() + " (HTTP " + status + "): " + e.getMessage());
    }
}
