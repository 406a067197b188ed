package io.tocsin.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.RunningTocsin;
import io.tocsin.cli.api.AdminApi;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/** What every importer's test does with the file it imported: apply it to a running Tocsin and compare who is on call. */
final class MovedIn {

    /** Instants around the daylight saving changes of 2027: America (14 March) and Europe (28 March). */
    static final List<Instant> AROUND_DST_2027 = List.of("2027-03-12T14:00:00Z", "2027-03-13T13:59:00Z",
            "2027-03-14T04:30:00Z", "2027-03-14T06:59:00Z", "2027-03-14T07:30:00Z", "2027-03-14T15:59:00Z",
            "2027-03-14T16:00:00Z", "2027-03-15T12:59:00Z", "2027-03-15T13:00:00Z", "2027-03-15T21:01:00Z",
            "2027-03-26T19:30:00Z", "2027-03-27T09:59:00Z", "2027-03-27T19:00:00Z", "2027-03-28T00:30:00Z",
            "2027-03-28T01:30:00Z", "2027-03-28T03:30:00Z", "2027-03-28T05:59:00Z", "2027-03-29T08:00:00Z",
            "2027-03-29T09:30:00Z", "2027-03-29T19:00:00Z").stream().map(Instant::parse).toList();

    private MovedIn() {
    }

    /**
     * The Tocsin the file was applied to (pruning what another import left there), once a second apply found
     * nothing to do.
     */
    static RunningTocsin.Instance apply(Path file) {
        RunningTocsin.Instance tocsin = RunningTocsin.named("moved-in");
        assertThat(tocsin.run(0, "config", "apply", "-f", file.toString(), "--prune")).contains("Applied.");
        assertThat(tocsin.run(0, "config", "apply", "-f", file.toString())).contains("Nothing to do");
        return tocsin;
    }

    /**
     * Asserts that at each instant each schedule has on call in Tocsin whom the source would have ({@code source}
     * answers their emails by schedule name and instant); answers everyone the source had on call at some point.
     */
    static <S> Set<String> assertOnCallAsInSource(RunningTocsin.Instance tocsin, List<S> schedules,
            Function<S, String> name, BiFunction<S, Instant, Set<String>> source) {
        AdminApi api = tocsin.api();
        Map<String, String> ids = new HashMap<>();
        api.get("/api/v1/schedules").path("schedules")
                .forEach(schedule -> ids.put(schedule.path("name").asString(), schedule.path("id").asString()));
        Set<String> seen = new TreeSet<>();
        for (S schedule : schedules) {
            for (Instant at : AROUND_DST_2027) {
                Set<String> expected = source.apply(schedule, at);
                seen.addAll(expected);
                Set<String> onCall = new TreeSet<>();
                api.get("/api/v1/schedules/" + ids.get(name.apply(schedule)) + "/on-call?at=" + at).path("users")
                        .forEach(user -> onCall.add(user.path("email").asString()));
                assertThat(onCall).as(name.apply(schedule) + " at " + at).isEqualTo(expected);
            }
        }
        return seen;
    }
}
