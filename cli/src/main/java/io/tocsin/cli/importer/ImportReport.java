package io.tocsin.cli.importer;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What an import could not carry over into the document, and why: the team decides what to do about each. */
public final class ImportReport {

    private final List<String> notCarried = new ArrayList<>();

    /** {@code what} (e.g. "user 'ada@example.com': push notification contact method") was left out because {@code why}. */
    void notCarried(String what, String why) {
        notCarried.add(what + ": " + why);
    }

    public List<String> notCarried() {
        return List.copyOf(notCarried);
    }

    void print(PrintWriter out) {
        if (notCarried.isEmpty()) {
            out.println("Everything was carried over.");
            return;
        }
        out.println("Not carried over (" + notCarried.size() + "):");
        notCarried.forEach(line -> out.println("  - " + line));
    }
}
