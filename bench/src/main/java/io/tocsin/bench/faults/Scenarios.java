package io.tocsin.bench.faults;

import io.tocsin.bench.AdminApi;
import io.tocsin.bench.Cluster;
import io.tocsin.bench.Load;
import io.tocsin.bench.ProcStats;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.FakeVonage;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The fault scenarios of issue 10, each against its own service, integration and escalation policy on one running
 * {@link Cluster}, each ending in a {@link Ledger} and the checks particular to its fault.
 */
final class Scenarios {

    /** Level 1 pages phone A at once, level 2 phone B this much later: every event owes two SMS. */
    static final Duration LEVEL_DELAY = Duration.ofSeconds(20);
    static final String PHONE_A = "+12015550111";
    static final String PHONE_B = "+12015550112";
    /** Numbers under this prefix go through Twilio, then Vonage (TOCSIN_SMS_ROUTES); the others through Twilio alone. */
    static final String CARRIER_PREFIX = "+44";
    static final String PHONE_C = CARRIER_PREFIX + "7911123113";
    /** How long a failing provider is skipped (TOCSIN_PROVIDER_BREAKER_OPEN_FOR). */
    static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(20);
    static final List<Ledger.Due> TWO_LEVELS = List.of(
            new Ledger.Due("level 1 SMS to A", Set.of(PHONE_A)),
            new Ledger.Due("level 2 SMS to B", Set.of(PHONE_B)));
    /** How long a killed notifier's page stays claimed before another send (TOCSIN_RETRY_SENDING_LEASE). */
    static final Duration SENDING_LEASE = Duration.ofSeconds(60);
    private static final Duration CONVERGE = Duration.ofMinutes(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A scenario's ledger, the checks particular to it ("ok: …" or "FAIL: …") and the machine's load meanwhile. */
    record Outcome(Ledger ledger, List<String> checks, String loadBefore, String loadAfter, double minutes) {

        boolean holds() {
            return ledger.holds() && checks.stream().noneMatch(c -> c.startsWith("FAIL"));
        }
    }

    private final Cluster cluster;
    private final AdminApi admin;
    private final Load load;
    private final FakeTwilio twilio;
    private final FakeVonage vonage;
    private final Pages pages;
    private String userA;
    private String userB;
    private String userC;

    Scenarios(Cluster cluster, AdminApi admin, Load load, FakeTwilio twilio, FakeVonage vonage, Pages pages) {
        this.cluster = cluster;
        this.admin = admin;
        this.load = load;
        this.twilio = twilio;
        this.vonage = vonage;
        this.pages = pages;
    }

    /** Two responders, A and B, each paged by SMS at once for high urgency. */
    void setUpResponders() throws IOException, InterruptedException {
        userA = responder("Fault Responder A", PHONE_A);
        userB = responder("Fault Responder B", PHONE_B);
        userC = responder("Fault Responder C", PHONE_C);
    }

    private String responder(String name, String phone) throws IOException, InterruptedException {
        String user = admin.post("/api/v1/users", Map.of("name", name,
                "email", name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.org")).path("id").asString();
        String sms = admin.post("/api/v1/users/" + user + "/contact-methods", Map.of("channel", "SMS", "address", phone, "verified", true))
                .path("id").asString();
        admin.post("/api/v1/users/" + user + "/notification-rules",
                Map.of("contactMethodId", sms, "urgency", "HIGH", "delay", "PT0S"));
        return user;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * kill -9 of routing and of the notifier at random moments while events stream in and escalations wait on their
     * timers: two loops side by side, each killing one service {@code kills / 2} times and starting it again at once.
     * A third of the kills hit the restarted process while it is still starting, the rest 0–6 s after it is ready.
     */
    Outcome kill(int kills) throws Exception {
        return measured(() -> {
            Target target = target("kill", twoLevels());
            List<String> checks = new ArrayList<>();
            long lastKill;
            Events events = Events.start(load, enqueueUrls(), target.key, "kill", Duration.ofSeconds(1));
            try (events) {
                Thread.sleep(5_000);
                List<Thread> loops = new ArrayList<>();
                int[] done = new int[2];
                for (Cluster.Kind kind : List.of(Cluster.Kind.ROUTING, Cluster.Kind.NOTIFIER)) {
                    int index = loops.size();
                    int count = kind == Cluster.Kind.ROUTING ? (kills + 1) / 2 : kills / 2;
                    loops.add(Thread.ofVirtual().start(() -> done[index] = killLoop(cluster.first(kind), count)));
                }
                for (Thread loop : loops) {
                    loop.join();
                }
                lastKill = System.nanoTime();
                checks.add(check(done[0] + done[1] >= kills, "kill -9: " + done[0] + " of routing, " + done[1]
                        + " of the notifier, each restarted at once"));
                for (Cluster.Kind kind : List.of(Cluster.Kind.ROUTING, Cluster.Kind.NOTIFIER)) {
                    cluster.first(kind).awaitReady(Duration.ofMinutes(5));
                }
                Thread.sleep(5_000);
            }
            return new Outcome(settle("kill -9 routing and notifier", target, events.accepted(), TWO_LEVELS, kills,
                    lastKill + SENDING_LEASE.toNanos(), checks), checks, "", "", 0);
        });
    }

    /** Kills {@code node} {@code count} times, restarting it each time; how many kills it made. */
    private int killLoop(Cluster.Node node, int count) {
        int made = 0;
        try {
            for (int i = 1; i <= count; i++) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                boolean whileStarting = i > 1 && random.nextInt(3) == 0;
                if (whileStarting) {
                    Thread.sleep(random.nextLong(1_000, 15_000));
                } else {
                    node.awaitReady(Duration.ofMinutes(5));
                    Thread.sleep(random.nextLong(0, 6_000));
                }
                boolean wasReady = node.ready();
                node.kill();
                made++;
                step("kill -9 %s (%d/%d, %s)", node.name, i, count, wasReady ? "running" : "still starting");
                node.start();
            }
        } catch (IOException | RuntimeException e) {
            step("%s: kill loop stopped: %s", node.name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return made;
    }

    /** Kafka stopped for {@code down}: ingest answers 503, never 202, meanwhile, and 202 again soon after. */
    Outcome kafka(Duration down) throws Exception {
        return measured(() -> {
            Target target = target("kafka", twoLevels());
            List<String> checks = new ArrayList<>();
            long stopped;
            long restarting;
            long up;
            List<Events.Answer> answers;
            Events events = Events.start(load, enqueueUrls(), target.key, "kafka", Duration.ofMillis(500));
            try (events) {
                Thread.sleep(10_000);
                step("stopping Kafka for %d s", down.toSeconds());
                cluster.stopKafka();
                stopped = System.nanoTime();
                Thread.sleep(down.toMillis());
                restarting = System.nanoTime();
                cluster.startKafka();
                up = System.nanoTime();
                step("Kafka is back (started in %.1f s)", (up - restarting) / 1e9);
                Thread.sleep(20_000);
                events.close();
                answers = events.answers();
            }
            Map<Integer, Long> whileDown = answers.stream()
                    .filter(a -> a.sentNanos() >= stopped && a.answeredNanos() <= restarting)
                    .collect(Collectors.groupingBy(Events.Answer::status, TreeMap::new, Collectors.counting()));
            checks.add(check(!whileDown.containsKey(202) && whileDown.getOrDefault(503, 0L) > 0,
                    "while Kafka was down ingest answered " + describe(whileDown)));
            double slowest503 = answers.stream()
                    .filter(a -> a.status() == 503 && a.sentNanos() >= stopped && a.answeredNanos() <= restarting)
                    .mapToDouble(a -> (a.answeredNanos() - a.sentNanos()) / 1e9).max().orElse(0);
            checks.add("info: the slowest 503 took " + seconds(slowest503));
            double firstAccepted = answers.stream().filter(a -> a.status() == 202 && a.sentNanos() >= up)
                    .mapToDouble(a -> (a.answeredNanos() - up) / 1e9).min().orElse(Double.NaN);
            checks.add(check(!Double.isNaN(firstAccepted) && firstAccepted < 30, "first 202 "
                    + seconds(firstAccepted) + " after the broker was back"));
            Map<Integer, Long> inBetween = answers.stream()
                    .filter(a -> a.answeredNanos() > restarting && a.sentNanos() < up)
                    .collect(Collectors.groupingBy(Events.Answer::status, TreeMap::new, Collectors.counting()));
            checks.add("info: while the broker was starting again ingest answered " + describe(inBetween));
            return new Outcome(settle("Kafka stopped " + down.toSeconds() + " s", target, events.accepted(), TWO_LEVELS, 0,
                    System.nanoTime(), checks), checks, "", "", 0);
        });
    }

    /**
     * PostgreSQL stopped for {@code down}: ingest keeps answering 202; routing and the notifier report it on their
     * readiness probes and routing on its paging health, stay up, and page everything that became due meanwhile once
     * the database is back.
     */
    Outcome postgres(Duration down) throws Exception {
        return measured(() -> {
            Target target = target("postgres", twoLevels());
            List<String> checks = new ArrayList<>();
            Cluster.Node routing = cluster.first(Cluster.Kind.ROUTING);
            Cluster.Node notifier = cluster.first(Cluster.Kind.NOTIFIER);
            long stopped;
            long restarting;
            List<Events.Answer> answers;
            Map<String, Map<Integer, Integer>> probes = new TreeMap<>();
            Events events = Events.start(load, enqueueUrls(), target.key, "postgres", Duration.ofMillis(500));
            try (events) {
                Thread.sleep(10_000);
                step("stopping PostgreSQL for %d s", down.toSeconds());
                cluster.stopPostgres();
                stopped = System.nanoTime();
                Map<String, String> probed = Map.of(
                        "routing readiness", routing.managementUrl("/actuator/health/readiness"),
                        "routing paging health", routing.managementUrl("/actuator/health/paging"),
                        "notifier readiness", notifier.managementUrl("/actuator/health/readiness"),
                        "ingest readiness", cluster.first(Cluster.Kind.INGEST).managementUrl("/actuator/health/readiness"));
                while (System.nanoTime() - stopped < down.toNanos()) {
                    // side by side, each with a 10 s timeout (-1: no answer in time), as a monitor would poll them
                    List<Thread> polls = probed.entrySet().stream().map(p -> Thread.ofVirtual().start(() -> {
                        int status = cluster.status(p.getValue());
                        synchronized (probes) {
                            probes.computeIfAbsent(p.getKey(), n -> new TreeMap<>()).merge(status, 1, Integer::sum);
                        }
                    })).toList();
                    for (Thread poll : polls) {
                        poll.join();
                    }
                    Thread.sleep(2_000);
                }
                restarting = System.nanoTime();
                cluster.startPostgres();
                step("PostgreSQL is back (started in %.1f s)", (System.nanoTime() - restarting) / 1e9);
                checks.add(check(routing.awaitReady(Duration.ofMinutes(3)) > 0 && notifier.awaitReady(
                        Duration.ofMinutes(3)) > 0, "routing and the notifier stayed up and were ready again "
                        + seconds((System.nanoTime() - restarting) / 1e9) + " after the restart began"));
                Thread.sleep(10_000);
                events.close();
                answers = events.answers();
            }
            Map<Integer, Long> whileDown = answers.stream()
                    .filter(a -> a.sentNanos() >= stopped && a.answeredNanos() <= restarting)
                    .collect(Collectors.groupingBy(Events.Answer::status, TreeMap::new, Collectors.counting()));
            checks.add(check(whileDown.keySet().equals(Set.of(202)),
                    "while PostgreSQL was down ingest answered " + describe(whileDown)));
            checks.add(check(probes.get("routing readiness").containsKey(503)
                            && probes.get("notifier readiness").containsKey(503)
                            && probes.get("routing paging health").containsKey(503)
                            && probes.get("ingest readiness").keySet().equals(Set.of(200)),
                    "health while it was down (status: how many polls; -1: no answer within 10 s): " + probes));
            // a send Twilio took just before the database went away cannot be marked sent: it is made again once its
            // lease runs out, as after a crash; the notifier has two threads that send (consumer and retry poller)
            return new Outcome(settle("PostgreSQL stopped " + down.toSeconds() + " s", target, events.accepted(), TWO_LEVELS, 2,
                    System.nanoTime(), checks), checks, "", "", 0);
        });
    }

    /**
     * Twilio failing for {@code outage}: HTTP 500 for the first half, answers slower than the SDK's read timeout for
     * the second. Level 1 pages A by SMS, level 2 (ten minutes later) posts to a webhook: a page that Twilio fails
     * until its retry deadline (TOCSIN_RETRY_DEADLINE) has failed for good, A could not be reached, and level 2 is
     * paged at once. Every event owes one page: the SMS (at once or after retries) or the level-2 webhook.
     */
    Outcome provider(Duration outage) throws Exception {
        return measured(() -> {
            String policy = policy("provider", 0, List.of(
                    level("PT10M", Map.of("type", "USER", "id", userA)),
                    level("PT10M", Map.of("type", "WEBHOOK", "id", pages.webhookUrl()))));
            Target target = target("provider", policy);
            List<String> checks = new ArrayList<>();
            Events events = Events.start(load, enqueueUrls(), target.key, "provider", Duration.ofSeconds(2));
            try (events) {
                Thread.sleep(10_000);
                step("Twilio answers 500 for %d s", outage.toSeconds() / 2);
                twilio.startOutage(500, 20500, Duration.ZERO);
                Thread.sleep(outage.toMillis() / 2);
                step("Twilio answers after 35 s (the SDK gives up after 30.5 s) for %d s", outage.toSeconds() / 2);
                twilio.startOutage(503, 20503, Duration.ofSeconds(35));
                Thread.sleep(outage.toMillis() / 2);
                twilio.endOutage();
                step("Twilio is back");
                Thread.sleep(10_000);
            }
            List<Ledger.Due> owed = List.of(new Ledger.Due("level 1 SMS to A, or level 2 webhook after failover",
                    Set.of(PHONE_A, Pages.WEBHOOK)));
            Ledger ledger = settle("Twilio failing " + outage.toSeconds() + " s", target, events.accepted(), owed, 0, System.nanoTime(),
                    checks);
            timelines(target, checks);
            return new Outcome(ledger, checks, "", "", 0);
        });
    }

    /**
     * Twilio answering 500 for {@code outage}, for a number routed Twilio then Vonage: each page goes out through
     * Vonage at once, Twilio's breaker opens and it is skipped, and once it answers again and the breaker's wait is over
     * it carries pages again. Every event owes one SMS to C; a page may come at most twice (its one extra copy).
     */
    Outcome carrier(Duration outage) throws Exception {
        return measured(() -> {
            String policy = policy("carrier", 0, List.of(level("PT30M", Map.of("type", "USER", "id", userC))));
            Target target = target("carrier", policy);
            List<String> checks = new ArrayList<>();
            Events events = Events.start(load, enqueueUrls(), target.key, "carrier", Duration.ofSeconds(2));
            int twilioBefore;
            int vonageDuring;
            try (events) {
                Thread.sleep(10_000);
                step("Twilio answers 500 for %d s", outage.toSeconds());
                twilio.startOutage(500, 20500, Duration.ZERO);
                int vonageBefore = pagesTo(PHONE_C, false);
                Thread.sleep(outage.toMillis());
                vonageDuring = pagesTo(PHONE_C, false) - vonageBefore;
                twilio.endOutage();
                twilioBefore = pagesTo(PHONE_C, true);
                step("Twilio is back; its breaker lets it try again after %d s", BREAKER_OPEN_FOR.toSeconds());
                Thread.sleep(BREAKER_OPEN_FOR.toMillis() + 20_000);
            }
            int twilioAfter = pagesTo(PHONE_C, true) - twilioBefore;
            List<Ledger.Due> owed = List.of(new Ledger.Due("SMS to C, through Twilio or Vonage", Set.of(PHONE_C)));
            Ledger ledger = settle("Twilio failing " + outage.toSeconds() + " s, Vonage next", target,
                    events.accepted(), owed, events.accepted().size(), System.nanoTime(), checks);
            int most = pages.counts().values().stream().mapToInt(got -> got.getOrDefault(PHONE_C, 0)).max().orElse(0);
            checks.add(check(vonageDuring > 0, vonageDuring + " pages went out through Vonage during the outage"));
            checks.add(check(twilioAfter > 0, twilioAfter + " pages went out through Twilio again after the breaker's"
                    + " wait"));
            checks.add(check(most <= 2, "at most one extra copy of a page (most copies of one: " + most + ")"));
            return new Outcome(ledger, checks, "", "", 0);
        });
    }

    /** SMS that reached {@code phone} so far at Twilio ({@code twilio}) or at Vonage. */
    private int pagesTo(String phone, boolean atTwilio) {
        return (int) (atTwilio ? twilio.messages().stream().filter(m -> m.to().equals(phone)).count()
                : vonage.messages().stream().filter(m -> ("+" + m.to()).equals(phone)).count());
    }

    /** What the incidents' timelines say: retries, failovers, and that each failover is explained. */
    private void timelines(Target target, List<String> checks) throws IOException, InterruptedException {
        Map<String, Map<String, Integer>> received = pages.counts();
        int retried = 0;
        int failedOver = 0;
        int explained = 0;
        for (Map.Entry<String, String> incident : incidents(target).entrySet()) {
            String log = admin.get("/api/v1/incidents/" + incident.getValue() + "/log").path("entries")
                    .valueStream().map(e -> e.path("message").asString()).collect(Collectors.joining("\n"));
            Map<String, Integer> got = received.getOrDefault(incident.getKey(), Map.of());
            if (log.contains("retrying") && got.getOrDefault(PHONE_A, 0) > 0) {
                retried++;
            }
            if (got.getOrDefault(Pages.WEBHOOK, 0) > 0) {
                failedOver++;
                if (log.contains("could not be reached")) {
                    explained++;
                }
            }
        }
        checks.add(check(retried > 0, retried + " incidents paged by SMS after failed attempts (timeline: \"attempt"
                + " … failed …, retrying\")"));
        checks.add(check(failedOver > 0 && explained == failedOver, failedOver + " incidents failed over to level 2"
                + " at once, " + explained + " of them with \"A could not be reached\" on the timeline"));
    }

    /**
     * Two instances of every service: events alternate between the two ingest instances, and halfway routing-1 and
     * notifier-1 are stopped and started again (a rolling restart), their partitions and due timers moving to the
     * other instance meanwhile. No page may come twice.
     */
    Outcome twoInstances(Duration length) throws Exception {
        return measured(() -> {
            cluster.addInstances(2);
            Target target = target("two", twoLevels());
            List<String> checks = new ArrayList<>();
            Events events = Events.start(load, enqueueUrls(), target.key, "two", Duration.ofMillis(500));
            try (events) {
                Thread.sleep(length.toMillis() / 3);
                for (Cluster.Kind kind : List.of(Cluster.Kind.ROUTING, Cluster.Kind.NOTIFIER)) {
                    Cluster.Node node = cluster.first(kind);
                    step("rolling restart: stopping %s", node.name);
                    node.stop();
                    node.start();
                }
                for (Cluster.Kind kind : List.of(Cluster.Kind.ROUTING, Cluster.Kind.NOTIFIER)) {
                    cluster.first(kind).awaitReady(Duration.ofMinutes(5));
                }
                checks.add("ok: routing-1 and notifier-1 stopped (SIGTERM) and started again while events came in");
                Thread.sleep(length.toMillis() / 3);
            }
            return new Outcome(settle("two instances of each service", target, events.accepted(), TWO_LEVELS, 0, System.nanoTime(),
                    checks), checks, "", "", 0);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A service, its policy and its Events API v2 integration key. */
    private record Target(String serviceId, String key) {
    }

    private String twoLevels() throws IOException, InterruptedException {
        return policy("two levels", 0, List.of(
                level("PT" + LEVEL_DELAY.toSeconds() + "S", Map.of("type", "USER", "id", userA)),
                level("PT30M", Map.of("type", "USER", "id", userB))));
    }

    private static Map<String, Object> level(String delay, Map<String, String> target) {
        return Map.of("delay", delay, "targets", List.of(target));
    }

    private String policy(String name, int repeat, List<Map<String, Object>> levels)
            throws IOException, InterruptedException {
        return admin.post("/api/v1/escalation-policies", Map.of("name", name + " " + System.nanoTime(),
                "repeatCount", repeat, "levels", levels)).path("id").asString();
    }

    /** A service on {@code policy} with an unlimited Events API v2 integration, once every ingest knows its key. */
    private Target target(String name, String policy) throws IOException, InterruptedException {
        String service = admin.post("/api/v1/services", Map.of("name", "faults " + name + " " + System.nanoTime(),
                "escalationPolicyId", policy, "urgency", "HIGH")).path("id").asString();
        String key = admin.post("/api/v1/services/" + service + "/integrations", Map.of("type", "EVENTS_V2",
                "name", name, "settings", Map.of("rate-limit.per-minute", "0"))).path("key").asString();
        for (String url : enqueueUrls()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            // a resolve of an unknown key pages nobody: ingest answers 202 once it knows the integration
            while (load.send(Load.postJson(url, """
                    {"routing_key":"%s","event_action":"resolve","dedup_key":"probe"}""".formatted(key))) != 202) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(url + " did not accept the new integration key within 2 minutes");
                }
                Thread.sleep(200);
            }
        }
        return new Target(service, key);
    }

    private List<String> enqueueUrls() {
        return cluster.nodes(Cluster.Kind.INGEST).stream().map(n -> n.url("/v2/enqueue")).toList();
    }

    /** The target's incidents: dedup key → incident id, through the admin API, page by page. */
    private Map<String, String> incidents(Target target) throws IOException, InterruptedException {
        Map<String, String> byKey = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/incidents?limit=500&serviceId=" + target.serviceId
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("incidents").forEach(i -> byKey.put(i.path("dedupKey").asString(), i.path("id").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return byKey;
    }

    /**
     * Waits until every accepted event is an incident and every due page has arrived (at most {@link #CONVERGE}),
     * then until {@code settleUntilNanos} and 15 s without a page, so that late duplicates are counted too.
     */
    private Ledger settle(String scenario, Target target, Set<String> accepted, List<Ledger.Due> owed,
            int duplicateBound, long settleUntilNanos, List<String> checks) throws IOException, InterruptedException {
        long since = System.nanoTime();
        long reported = since;
        Ledger ledger = ledger(scenario, target, accepted, owed, duplicateBound);
        while ((ledger.lost() > 0 || ledger.incidents() < ledger.accepted())
                && System.nanoTime() - since < CONVERGE.toNanos()) {
            if (System.nanoTime() - reported > Duration.ofSeconds(15).toNanos()) {
                step("%s: %d of %d incidents, %d of %d pages so far", scenario, ledger.incidents(), ledger.accepted(),
                        ledger.sent(), ledger.due());
                reported = System.nanoTime();
            }
            Thread.sleep(2_000);
            ledger = ledger(scenario, target, accepted, owed, duplicateBound);
        }
        checks.add("info: everything due was paged " + seconds((System.nanoTime() - since) / 1e9)
                + " after the events stopped" + (ledger.lost() > 0 ? " (NOT: gave up)" : ""));
        while (System.nanoTime() < settleUntilNanos || pages.quietSeconds() < 15) {
            Thread.sleep(1_000);
        }
        return ledger(scenario, target, accepted, owed, duplicateBound);
    }

    private Ledger ledger(String scenario, Target target, Set<String> accepted, List<Ledger.Due> owed,
            int duplicateBound) throws IOException, InterruptedException {
        return Ledger.of(scenario, accepted, incidents(target).keySet(), owed, pages.counts(), duplicateBound);
    }

    /** Runs a scenario, noting the machine's load average before and after and how long it took. */
    private Outcome measured(ScenarioBody body) throws Exception {
        String before = ProcStats.loadAverage();
        long start = System.nanoTime();
        Outcome outcome = body.run();
        return new Outcome(outcome.ledger(), outcome.checks(), before, ProcStats.loadAverage(),
                (System.nanoTime() - start) / 60e9);
    }

    private interface ScenarioBody {
        Outcome run() throws Exception;
    }

    private static String check(boolean ok, String what) {
        return (ok ? "ok: " : "FAIL: ") + what;
    }

    private static String describe(Map<Integer, Long> statuses) {
        return statuses.isEmpty() ? "nothing" : statuses.entrySet().stream()
                .map(e -> e.getValue() + " x " + (e.getKey() < 0 ? "no answer" : e.getKey()))
                .collect(Collectors.joining(", "));
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    static void step(String format, Object... args) {
        System.out.printf("[faults %s] %s%n", LocalTime.now().format(CLOCK), String.format(Locale.ROOT, format, args));
    }
}
