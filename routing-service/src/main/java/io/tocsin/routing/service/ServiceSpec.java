package io.tocsin.routing.service;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.service.Service.ResolveWhen;
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
        UUID teamId,
        AlertGrouping alertGrouping,
        @Schema(description = "when an incident resolves on its own: ALL_ALERTS (the default) once every alert in it"
                + " resolved, FIRST_RESOLVE once one did; resolving it by hand resolves its alerts")
        ResolveWhen resolveWhen,
        StormGuard stormGuard) {

    public ServiceSpec {
        urgency = urgency == null ? Urgency.HIGH : urgency;
        alertGrouping = alertGrouping == null ? AlertGrouping.NONE : alertGrouping;
        resolveWhen = resolveWhen == null ? ResolveWhen.ALL_ALERTS : resolveWhen;
    }

    /** A service with today's alert handling: no grouping, resolved with its alerts, no storm guard. */
    public ServiceSpec(String name, UUID escalationPolicyId, Urgency urgency, Duration ackTimeout,
            Duration autoResolveTimeout, UUID teamId) {
        this(name, escalationPolicyId, urgency, ackTimeout, autoResolveTimeout, teamId, null, null, null);
    }
}
