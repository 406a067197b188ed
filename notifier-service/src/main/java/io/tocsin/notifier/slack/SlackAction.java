package io.tocsin.notifier.slack;

import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The buttons on a page in Slack: each asks routing for one command; its action id is what Slack sends back. */
enum SlackAction {

    ACKNOWLEDGE("tocsin_acknowledge", "Acknowledge", CommandType.ACKNOWLEDGE, "primary"),
    RESOLVE("tocsin_resolve", "Resolve", CommandType.RESOLVE, null),
    ESCALATE("tocsin_escalate", "Escalate", CommandType.ESCALATE, "danger");

    /** The block holding the buttons, so a later update can tell them from the page's text. */
    static final String BLOCK_ID = "tocsin_actions";

    private final String actionId;
    private final String label;
    private final CommandType command;
    private final String style;

    SlackAction(String actionId, String label, CommandType command, String style) {
        this.actionId = actionId;
        this.label = label;
        this.command = command;
        this.style = style;
    }

    String actionId() {
        return actionId;
    }

    String label() {
        return label;
    }

    CommandType command() {
        return command;
    }

    /** Slack's button style: "primary" (green), "danger" (red), or null for the default. */
    String style() {
        return style;
    }

    /**
     * What still makes sense for an incident in this state, as routing applies commands: all three while triggered,
     * only resolving once acknowledged (routing escalates triggered incidents only), nothing once resolved.
     */
    static List<SlackAction> available(IncidentStatus status) {
        return switch (status) {
            case TRIGGERED -> List.of(ACKNOWLEDGE, RESOLVE, ESCALATE);
            case ACKNOWLEDGED -> List.of(RESOLVE);
            case RESOLVED -> List.of();
        };
    }

    static Optional<SlackAction> byActionId(String actionId) {
        return Arrays.stream(values()).filter(action -> action.actionId.equals(actionId)).findFirst();
    }
}
