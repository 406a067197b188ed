package io.tocsin.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one scenario owed and what arrived. Events accepted are the harness's own 202s; incidents are those the admin
 * API lists for those events' dedup keys; pages due are, for every accepted event, one page per {@link Due} of the
 * scenario's escalation policy (all its levels are due by the time the ledger is taken); a due page is sent when at
 * least one page for that event reached one of its recipients; every further page to the same recipient for the same
 * event is a duplicate; lost = due - sent.
 *
 * @param duplicateBound the most duplicates the scenario allows: one per kill, or per send an outage cut off
 */
record Ledger(String scenario, int accepted, int incidents, int due, int sent, int duplicates, int lost,
        int duplicateBound, List<String> missing) {

    /** A page owed for each accepted event: sent when a page for the event reached any of these recipients. */
    record Due(String what, Set<String> recipients) {
    }

    static Ledger of(String scenario, Set<String> accepted, Set<String> incidentKeys, List<Due> owed,
            Map<String, Map<String, Integer>> pages, int duplicateBound) {
        int sent = 0;
        int duplicates = 0;
        List<String> missing = new ArrayList<>();
        for (String key : new TreeSet<>(accepted)) {
            Map<String, Integer> received = pages.getOrDefault(key, Map.of());
            for (Due due : owed) {
                if (due.recipients().stream().anyMatch(r -> received.getOrDefault(r, 0) > 0)) {
                    sent++;
                } else {
                    missing.add(key + (incidentKeys.contains(key) ? "" : " (no incident)") + ": " + due.what());
                }
            }
            for (int count : received.values()) {
                duplicates += Math.max(0, count - 1);
            }
        }
        int incidents = (int) accepted.stream().filter(incidentKeys::contains).count();
        int due = accepted.size() * owed.size();
        return new Ledger(scenario, accepted.size(), incidents, due, sent, duplicates, due - sent, duplicateBound,
                List.copyOf(missing));
    }

    /** Nothing lost, every accepted event an incident, duplicates within the bound. */
    boolean holds() {
        return lost == 0 && incidents == accepted && duplicates <= duplicateBound;
    }

    static String header() {
        return "| scenario | events accepted | incidents created | pages due | pages sent | duplicates (bound) | lost |"
                + " verdict |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |";
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d (%d) | %d | %s |", scenario, accepted,
                incidents, due, sent, duplicates, duplicateBound, lost, holds() ? "holds" : "FAILS");
    }
}
