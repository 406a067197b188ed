package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.standalone.CountedStatements.Counts;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The statement budget of issue 25: the SQL statements and commits routing and the notifier make for one
 * triggered-and-paged event (webhook in, incident, page request, SMS at the fake Twilio, delivery report back), counted
 * at their DataSources, for an event alone and for a burst of 100 distinct events. It fails when the cost creeps up.
 */
class StatementBudgetIntegrationTest {

    /*
     * Measured (docs/performance.md, "Statement budget") after the notifier's and routing's folds of issue 25: 23
     * statements and 7 commits alone, 5.85-6.03 and 1.68-1.77 per event in the burst (before them 32 / 8 and
     * 8.8 / 4.1; before batching 39 / 9 and 36.4 / 8.1), rounded up: the burst's with room, since how many records a
     * poll takes depends on how fast they arrive. Since a poll of delivery reports locks its incidents and reads their
     * pages in one statement: 22 alone, 4.99-5.63 per event in the burst (how many report polls there are varies). The
     * issue's targets (alone at most 15 statements and 4 commits, in
     * a burst at most 2 statements per event) are not met yet: what is left is listed in that section.
     */
    private static final long ALONE_STATEMENTS = 22;
    private static final long ALONE_COMMITS = 7;
    private static final double BURST_STATEMENTS = 7;
    private static final double BURST_COMMITS = 3;

    private static final int BURST = 100;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static FakeTwilio twilio;
    private static RunningTocsin tocsin;
    private static JdbcClient database;
    private static final List<String> integrationKeys = new ArrayList<>();

    @BeforeAll
    static void startTocsinWithServicesToPage() {
        twilio = new FakeTwilio();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC(), List.of(), List.of(CountedStatements.SETTING));
        // its own connection, not counted: the test's own questions are not the pipeline's cost
        database = JdbcClient.create(new DriverManagerDataSource(TestInfrastructure.jdbcUrl(),
                TestInfrastructure.dbUser(), TestInfrastructure.dbPassword()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> phones = new ArrayList<>();
        // one service and one responder per event, so no page is held back by the per-phone throttle; a second level
        // an hour later, so each event also sets the escalation timer a real policy sets
        for (int i = 0; i < BURST + 2; i++) {
            String phone = "+1555%07d".formatted(4_200_000 + i);
            phones.add(phone);
            var responder = tocsin.smsResponder("Budget responder " + i, phone);
            integrationKeys.add(tocsin.service("Budget " + run + " " + i, Duration.ofHours(1), responder, responder));
        }
        // what setting up caused (integrations to ingest, contact methods to the notifier) is done before counting
        await().atMost(PATIENCE).until(() -> database.sql("select count(*) from routing.outbox").query(Long.class)
                .single() == 0 && database.sql("""
                        select count(distinct address) from notifier.contact_method where address in (:phones)""")
                .param("phones", phones).query(Long.class).single() == phones.size());
    }

    @AfterAll
    static void stopTocsin() {
        RunningTocsin.stop(tocsin, twilio);
    }

    @Test
    void oneEventAloneStaysWithinItsBudget() {
        // the first event of a fresh instance is not the steady state: one before counting
        page(List.of(integrationKeys.get(0)));

        Counts counts = page(List.of(integrationKeys.get(1)));

        System.out.println("[statement budget] one event alone: " + counts.per(1));
        assertThat(counts.statements()).as("statements for one event alone").isLessThanOrEqualTo(ALONE_STATEMENTS);
        assertThat(counts.commits()).as("commits for one event alone").isLessThanOrEqualTo(ALONE_COMMITS);
    }

    @Test
    void aBurstOfDistinctEventsStaysWithinItsBudgetPerEvent() {
        Counts counts = page(integrationKeys.subList(2, 2 + BURST));

        System.out.println("[statement budget] a burst of " + BURST + " events: " + counts.per(BURST));
        assertThat(counts.statements() / (double) BURST).as("statements per event in a burst of " + BURST)
                .isLessThanOrEqualTo(BURST_STATEMENTS);
        assertThat(counts.commits() / (double) BURST).as("commits per event in a burst of " + BURST)
                .isLessThanOrEqualTo(BURST_COMMITS);
    }

    /**
     * Triggers one new incident on each of these integrations at once and waits until each has been paged and
     * routing has recorded the page as sent; returns what routing and the notifier did meanwhile.
     */
    private static Counts page(List<String> keys) {
        CountedStatements.TALLY.reset();
        List<String> dedupKeys = new ArrayList<>();
        try (ExecutorService monitors = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String key : keys) {
                // short: the page carries the summary whole, and the SMS is matched to its event by it
                String dedupKey = "budget-" + UUID.randomUUID().toString().substring(0, 8);
                dedupKeys.add(dedupKey);
                monitors.submit(() -> tocsin.enqueueAccepted(trigger(key, dedupKey, dedupKey)));
            }
        }
        await().atMost(PATIENCE).until(() -> database.sql("""
                        select count(*) from routing.incident i
                        where i.dedup_key in (:dedupKeys)
                          and exists (select 1 from routing.incident_log l
                                      where l.incident_id = i.id and l.event = 'NOTIFICATION_SENT')
                          and not exists (select 1 from notifier.notification n
                                          where n.incident_id = i.id
                                            and n.reported is distinct from n.status || '/' || greatest(n.attempts, 1))
                        """)
                .param("dedupKeys", dedupKeys).query(Long.class).single() == keys.size());
        assertThat(twilio.messages()).filteredOn(sms -> dedupKeys.stream().anyMatch(sms.body()::contains))
                .hasSize(keys.size());
        Counts counts = CountedStatements.TALLY.counts();
        // a budget met by counting nothing proves nothing: each event's incident (with its first alert) must have been
        // seen inserted
        assertThat(CountedStatements.TALLY.counted("with opened as ( insert into incident (id, service_id"))
                .isGreaterThanOrEqualTo(keys.size());
        System.out.print("[statement budget] statements by text:\n" + CountedStatements.TALLY.statementsByText());
        return counts;
    }
}
