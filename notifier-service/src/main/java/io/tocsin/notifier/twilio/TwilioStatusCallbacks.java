package io.tocsin.notifier.twilio;

import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.notifier.delivery.DeliveryReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks ({@code POST /webhooks/twilio/status}, signature checked by {@link TwilioSignatureFilter})
 * for the SMS and calls it accepted: delivered, undelivered, answered, busy, not answered. The final word on each
 * goes to routing; the steps in between (queued, sent, ringing) are only acknowledged, a call's being its receipt. An SMS not delivered, or a call
 * that could not be placed, goes out through the next provider where there is one.
 */
@RestController
@ConditionalOnProperty("tocsin.twilio.account-sid")
class TwilioStatusCallbacks {

    static final String PATH = "/webhooks/twilio/status";
    private static final Logger log = LoggerFactory.getLogger(TwilioStatusCallbacks.class);

    private final DeliveryReports reports;

    TwilioStatusCallbacks(DeliveryReports reports) {
        this.reports = reports;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> status(@RequestParam(name = "MessageSid", required = false) String messageSid,
            @RequestParam(name = "MessageStatus", required = false) String messageStatus,
            @RequestParam(name = "CallSid", required = false) String callSid,
            @RequestParam(name = "CallStatus", required = false) String callStatus,
            @RequestParam(name = "ErrorCode", required = false) String errorCode) {
        if (messageSid != null && messageStatus != null) {
            switch (messageStatus) {
                case "delivered" -> reports.providerReported(messageSid, DeliveryStatus.DELIVERED, null);
                case "undelivered", "failed" -> reports.providerReported(messageSid, DeliveryStatus.FAILED,
                        "Twilio: SMS " + messageStatus + errorCode(errorCode), true);
                default -> log.debug("sms provider_id={} {}", messageSid, messageStatus);
            }
        } else if (callSid != null && callStatus != null) {
            switch (callStatus) {
                case "completed" -> reports.providerReported(callSid, DeliveryStatus.ANSWERED, null);
                // only a call Twilio could not place is its failure: another provider may place it
                case "busy", "no-answer", "failed", "canceled" -> reports.providerReported(callSid,
                        DeliveryStatus.FAILED, "Twilio: call " + callStatus.replace('-', ' ') + errorCode(errorCode),
                        callStatus.equals("failed"));
                case "queued", "initiated", "ringing", "in-progress" -> reports.providerProgressed(callSid);
                default -> log.debug("call provider_id={} {}", callSid, callStatus);
            }
        }
        return ResponseEntity.noContent().build();
    }

    /** " (error 30003)", with Twilio's page on it, or nothing. */
    private static String errorCode(String code) {
        return code == null || !code.matches("\\d{1,6}") ? ""
                : " (error " + code + ", https://www.twilio.com/docs/errors/" + code + ")";
    }
}
