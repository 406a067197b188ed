package io.tocsin.notifier.vonage;

import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.notifier.delivery.DeliveryReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Vonage's word on the SMS and calls it accepted (signatures checked by {@link VonageSignatureFilter}): SMS delivery
 * receipts ({@code /webhooks/vonage/status}) and call events ({@code /webhooks/vonage/voice/event}). The final word
 * on each goes to routing; an SMS not delivered, or a call Vonage could not place, goes out through the next provider
 * where there is one.
 */
@RestController
@ConditionalOnProperty("tocsin.vonage.api-key")
class VonageStatusCallbacks {

    static final String STATUS_PATH = "/webhooks/vonage/status";
    static final String EVENT_PATH = "/webhooks/vonage/voice/event";
    private static final Logger log = LoggerFactory.getLogger(VonageStatusCallbacks.class);

    private final DeliveryReports reports;

    VonageStatusCallbacks(DeliveryReports reports) {
        this.reports = reports;
    }

    /** A delivery receipt: Vonage sends it by GET or POST, as the account is set up. */
    @RequestMapping(path = STATUS_PATH, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> receipt(@RequestParam(name = "messageId", required = false) String messageId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "err-code", required = false) String errorCode) {
        if (messageId != null && status != null) {
            switch (status) {
                case "delivered" -> reports.providerReported(messageId, DeliveryStatus.DELIVERED, null);
                case "failed", "expired", "rejected" -> reports.providerReported(messageId, DeliveryStatus.FAILED,
                        "Vonage: SMS " + status + (errorCode == null || !errorCode.matches("\\d{1,4}") ? ""
                                : " (error " + errorCode + ")"), true);
                default -> log.debug("sms provider_id={} {}", messageId, status);
            }
        }
        return ResponseEntity.noContent().build();
    }

    /** A call's event: the first is its receipt, the last one says whether it was answered. */
    @PostMapping(EVENT_PATH)
    ResponseEntity<Void> event(@RequestBody JsonNode event) {
        String uuid = event.path("uuid").asString(null);
        String status = event.path("status").asString("");
        if (uuid != null) {
            switch (status) {
                case "completed" -> reports.providerReported(uuid, DeliveryStatus.ANSWERED, null);
                case "busy", "timeout", "unanswered", "rejected", "cancelled", "failed" -> reports.providerReported(
                        uuid, DeliveryStatus.FAILED, "Vonage: call " + status, status.equals("failed"));
                case "started", "ringing", "answered" -> reports.providerProgressed(uuid);
                default -> log.debug("call provider_id={} {}", uuid, status);
            }
        }
        return ResponseEntity.noContent().build();
    }
}
