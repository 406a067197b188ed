package io.tocsin.routing.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.Optional;

/**
 * A service's storm guard: once more than {@code threshold} incidents opened on it within {@code window}, further
 * alerts join one storm incident that pages once; the storm calms after {@code window} without a new alert.
 */
@Schema(description = "Off when absent. Once 'threshold' incidents opened on the service within 'window', further"
        + " alerts join one storm incident that pages once; the storm calms after 'window' without a new alert.",
        example = "{\"threshold\": 20, \"window\": \"PT2M\"}")
public record StormGuard(
        @Schema(description = "how many incidents may open within the window before the storm incident") int threshold,
        @Schema(description = "e.g. PT2M") Duration window) {

    /** Whether the settings make sense: a message a person can act on if not. */
    public Optional<String> problem() {
        if (threshold < 1) {
            return Optional.of("'stormGuard.threshold' must be at least 1");
        }
        if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0) {
            return Optional.of("'stormGuard.window' must be at least PT1S");
        }
        return Optional.empty();
    }
}
