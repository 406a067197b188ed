package io.tocsin.routing.policy;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import io.tocsin.routing.user.ContactAddresses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The body of POST and PUT /api/v1/escalation-policies: levels in order, each with targets and a delay. */
public record EscalationPolicySpec(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "how many times to page all levels again when nobody acknowledged; 0 if left out",
                defaultValue = "0") @Min(0) @Max(10) Integer repeatCount,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull LevelSpec> levels,
        UUID teamId) {

    public EscalationPolicySpec {
        repeatCount = repeatCount == null ? 0 : repeatCount;
    }

    /** A level: whom to page, then how long to wait (ISO-8601, e.g. PT5M; seconds allowed) before the next. */
    public record LevelSpec(@NotNull Duration delay, @NotEmpty @Size(max = 50) List<@Valid @NotNull TargetSpec> targets) {
    }

    /** A target: a user or schedule by id, a Slack channel by its Slack ID (e.g. C024BE91L), or a webhook by URL. */
    public record TargetSpec(
            @NotNull TargetType type,
            @Schema(description = "USER, SCHEDULE: its id; SLACK_CHANNEL: the channel's Slack ID (C024BE91L);"
                    + " WEBHOOK: " + ContactAddresses.WEBHOOK_FORM)
            @NotBlank @Size(max = 2000) String id) {
    }
}
