package io.tocsin.notifier.email;

import io.tocsin.contracts.IncidentCommand.CommandType;
import java.util.Arrays;
import java.util.Optional;

/** What an email link or a push action offers to do; the form's {@code action} field names it in lower case. */
public enum LinkAction {

    ACKNOWLEDGE((byte) 'a', "acknowledge", "Acknowledge", "Acknowledged", CommandType.ACKNOWLEDGE),
    RESOLVE((byte) 'r', "resolve", "Resolve", "Resolved", CommandType.RESOLVE);

    private final byte code;
    private final String field;
    private final String label;
    private final String done;
    private final CommandType command;

    LinkAction(byte code, String field, String label, String done, CommandType command) {
        this.code = code;
        this.field = field;
        this.label = label;
        this.done = done;
        this.command = command;
    }

    /** Its byte in a token. */
    byte code() {
        return code;
    }

    /** Its value in the page's form: "acknowledge", "resolve". */
    String field() {
        return field;
    }

    public String label() {
        return label;
    }

    /** "Acknowledged", "Resolved". */
    public String done() {
        return done;
    }

    public CommandType command() {
        return command;
    }

    static Optional<LinkAction> byCode(byte code) {
        return Arrays.stream(values()).filter(action -> action.code == code).findFirst();
    }

    static Optional<LinkAction> byField(String field) {
        return Arrays.stream(values()).filter(action -> action.field.equalsIgnoreCase(field)).findFirst();
    }
}
