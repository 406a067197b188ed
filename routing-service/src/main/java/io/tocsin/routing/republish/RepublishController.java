package io.tocsin.routing.republish;

import io.swagger.v3.oas.annotations.Operation;
import io.tocsin.routing.service.Integrations;
import io.tocsin.routing.user.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes routing's shared state to Kafka again (admins only): the compacted topics ingest and the notifier read
 * integrations and contact methods from, after a move to a new Kafka cluster or the loss of those topics.
 */
@RestController
class RepublishController {

    private static final Logger log = LoggerFactory.getLogger(RepublishController.class);

    private final Integrations integrations;
    private final Users users;

    RepublishController(Integrations integrations, Users users) {
        this.integrations = integrations;
        this.users = users;
    }

    /** What was queued: integration keys (current and still-valid retired ones) and contact methods. */
    record Republished(int integrationKeys, int contactMethods) {
    }

    @Operation(operationId = "republishState", summary = "Publish every integration key and contact method to "
            + "Kafka again (after restoring into a new Kafka cluster); they go out through the outbox within seconds")
    @PostMapping("/api/v1/operations/republish")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    Republished republish() {
        Republished republished = new Republished(integrations.republishAll(), users.republishContactMethods());
        log.info("state republished integrationKeys={} contactMethods={}", republished.integrationKeys(),
                republished.contactMethods());
        return republished;
    }
}
