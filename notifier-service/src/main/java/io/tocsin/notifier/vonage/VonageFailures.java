package io.tocsin.notifier.vonage;

import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageClientException;
import com.vonage.client.sms.MessageStatus;
import com.vonage.client.sms.SmsSubmissionResponseMessage;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.delivery.SendOutcome.Fault;
import java.util.Set;

/**
 * How a Vonage failure counts: Vonage unreachable, throttling, its own errors and its refusal of the account pass to
 * the next provider; a refused number does not.
 */
public final class VonageFailures {

    /** SMS API statuses that are the account's or Vonage's: another provider may carry the page. */
    private static final Set<MessageStatus> ACCOUNT = Set.of(MessageStatus.INVALID_CREDENTIALS,
            MessageStatus.PARTNER_ACCOUNT_BARRED, MessageStatus.PARTNER_QUOTA_EXCEEDED, MessageStatus.ACCOUNT_NOT_HTTP,
            MessageStatus.INVALID_SIGNATURE, MessageStatus.INVALID_FROM_ADDRESS, MessageStatus.FACILITY_NOT_ALLOWED,
            MessageStatus.NON_WHITELISTED_DESTINATION, MessageStatus.SIGNATURE_API_SECRET_DISALLOWED);

    private VonageFailures() {
    }

    /** An SMS the SMS API did not accept: its status says whose fault it is. */
    public static SendOutcome.Failed refused(SmsSubmissionResponseMessage message) {
        MessageStatus status = message.getStatus();
        boolean temporary = message.isTemporaryError() || status == MessageStatus.INTERNAL_ERROR
                || status == MessageStatus.COMMS_FAILURE;
        return new SendOutcome.Failed(temporary, "Vonage SMS status " + status.getMessageStatus() + " (" + status
                + "): " + message.getErrorText(), null,
                temporary || ACCOUNT.contains(status) ? Fault.PROVIDER : Fault.RECIPIENT);
    }

    /** An API error answer (HTTP status) or no answer at all. */
    public static SendOutcome.Failed failed(VonageClientException e) {
        if (e instanceof VonageApiResponseException response && response.getStatusCode() > 0) {
            int status = response.getStatusCode();
            boolean temporary = status == 429 || status >= 500;
            boolean account = status == 401 || status == 403;
            return new SendOutcome.Failed(temporary, "Vonage error (HTTP " + status + "): " + response.getTitle()
                    + (response.getDetail() == null ? "" : ": " + response.getDetail()), null,
                    temporary || account ? Fault.PROVIDER : Fault.RECIPIENT);
        }
        return new SendOutcome.Failed(true, "Vonage unreachable: " + e.getMessage(), null, Fault.NO_ANSWER);
    }
}
