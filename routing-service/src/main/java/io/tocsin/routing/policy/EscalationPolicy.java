package io.tocsin.routing.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Who to page, level by level, and how many times to go round again when nobody acknowledges; {@code teamId} is the
 * owning team, if any.
 */
public record EscalationPolicy(UUID id, String name, int repeatCount, List<Level> levels, UUID teamId) {

    /** One level: its targets, and how long to wait for an acknowledgement before the next level. */
    public record Level(@JsonIgnore int position, Duration delay, List<Target> targets) {

        /** The level's number as people count it, 1 for the first: the timeline and errors say "level 1" too. */
        @JsonProperty("level")
        @Schema(description = "1 for the first level")
        public int number() {
            return position + 1;
        }
    }

    /** Someone a level pages: a user or schedule (by UUID), a Slack channel (by its Slack ID) or a webhook (by URL). */
    public record Target(TargetType type, String id) {
    }

    /** What a target names. */
    public enum TargetType {
        /** A user, paged through their notification rules. */
        USER,
        /** Whoever is on call in the schedule when the level fires. */
        SCHEDULE,
        /** A Slack channel, posted to. */
        SLACK_CHANNEL,
        /** A URL the incident is posted to as JSON. */
        WEBHOOK
    }
}
