package io.tocsin.routing.service;

import io.tocsin.contracts.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.UUID;

/** What an admin says a service is: the body of POST and PUT /api/v1/services. */
public record ServiceSpec(
        @NotBlank @Size(max = 200) String name,
        UUID escalationPolicyId,
        Urgency urgency,
        Duration ackTimeout,
        Duration autoResolveTimeout,
        UUID teamId) {

    public ServiceSpec {
        urgency = urgency == null ? Urgency.HIGH : urgency;
    }
}
