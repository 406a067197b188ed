package io.tocsin.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells routing what became of a notification on tocsin.deliveries.v1: the dispatcher's own outcomes, and what a
 * provider says later about a page it accepted (a Twilio status callback: delivered, undelivered, not answered).
 */
@Component
public class DeliveryReports {

    static final String BINDING = "deliveries-out";
    private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);
    private static final DateTimeFormatter RECEIPT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StreamBridge streamBridge;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Tracer tracer;

    DeliveryReports(StreamBridge streamBridge, JdbcClient jdbc, Clock clock, MeterRegistry meters, Tracer tracer) {
        this.streamBridge = streamBridge;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.tracer = tracer;
    }

    /**
     * What became of one attempt of a page, to tell routing, in the trace of what it came from; {@code provider} and
     * {@code failedOver} as in {@link DeliveryReported}.
     */
    record Report(UUID notificationId, UUID incidentId, Channel channel, DeliveryStatus status, String detail,
            int attempt, String provider, String failedOver, Span trace) {
    }

    /** A report made in the current trace. */
    Report of(UUID notificationId, UUID incidentId, Channel channel, DeliveryStatus status, String detail,
            int attempt) {
        return of(notificationId, incidentId, channel, status, detail, attempt, null, null);
    }

    /** A report made in the current trace, of a page an SMS or voice provider carried after another failed. */
    Report of(UUID notificationId, UUID incidentId, Channel channel, DeliveryStatus status, String detail,
            int attempt, String provider, String failedOver) {
        return new Report(notificationId, incidentId, channel, status, detail, attempt, provider, failedOver,
                tracer.currentSpan());
    }

    /**
     * The pages' latest states as routing should know them, sent side by side (each waits for Kafka's acknowledgement
     * on a virtual thread of its own, and the producer carries those under way together), then the pages Kafka took
     * marked reported in one statement. The same outcome of the same attempt has the same id, so routing takes a
     * repeat once. A page whose report Kafka did not take stays marked unreported and {@link #reportUnreported()}
     * tries again: a report is late then, never lost.
     */
    void report(List<Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        List<UUID> taken;
        if (reports.size() == 1) {
            taken = send(reports.getFirst()) ? List.of(reports.getFirst().notificationId()) : List.of();
        } else {
            List<Future<Boolean>> sends = new ArrayList<>(reports.size());
            try (ExecutorService sides = Executors.newVirtualThreadPerTaskExecutor()) {
                reports.forEach(report -> sends.add(sides.submit(() -> send(report))));
            }
            taken = new ArrayList<>(reports.size());
            for (int i = 0; i < reports.size(); i++) {
                if (sends.get(i).resultNow()) {
                    taken.add(reports.get(i).notificationId());
                }
            }
        }
        if (!taken.isEmpty()) {
            jdbc.sql("update notification set reported = status || '/' || greatest(attempts, 1) where id in (:ids)")
                    .param("ids", taken)
                    .update();
        }
    }

    /** A page's report goes with its incident's messages; a message to a person about no incident, by its own id. */
    private static String key(Report report) {
        return (report.incidentId() != null ? report.incidentId() : report.notificationId()).toString();
    }

    /** Hands one report to Kafka and waits for its acknowledgement; false if Kafka did not take it. */
    private boolean send(Report report) {
        UUID id = UUID.nameUUIDFromBytes((report.notificationId() + "/" + report.status() + "/" + report.attempt())
                .getBytes(StandardCharsets.UTF_8));
        DeliveryReported message = new DeliveryReported(id, DeliveryReported.SCHEMA_VERSION, report.notificationId(),
                report.incidentId(), report.channel(), report.status(), report.detail(), clock.instant(),
                report.attempt(), report.provider(), report.failedOver());
        try (Tracer.SpanInScope scope = tracer.withSpan(report.trace())) {
            if (!streamBridge.send(BINDING, MessageBuilder.withPayload(message)
                    .setHeader(KafkaHeaders.KEY, key(report).getBytes(StandardCharsets.UTF_8))
                    .build())) {
                return false;
            }
        } catch (RuntimeException e) {
            log.warn("notification={} incident={} {} report not handed to Kafka, will be sent again: {}",
                    report.notificationId(), report.incidentId(), report.status(), e.getMessage());
            return false;
        }
        Counter.builder("tocsin.notifier.deliveries")
                .description("Outcomes of pages reported to routing (sent, delivered, failed, retrying, ...)")
                .tag("channel", report.channel().name())
                .tag("status", report.status().name())
                .register(meters)
                .increment();
        return true;
    }

    /** Sends again what routing was not told yet: reports Kafka did not take when they were made. */
    @Scheduled(fixedDelayString = "${tocsin.notifier.report-retry-interval:PT5S}")
    void reportUnreported() {
        record Unreported(UUID id, UUID incidentId, Channel channel, String status, String detail, int attempts) {
        }
        // pages settled a moment ago are still having their first report sent
        OffsetDateTime settledBefore = OffsetDateTime.ofInstant(clock.instant().minusSeconds(10), ZoneOffset.UTC);
        List<Unreported> unreported = jdbc.sql("""
                        select id, incident_id, channel, status, detail, greatest(attempts, 1) as attempts
                        from notification
                        where status <> 'SENDING' and reported is distinct from status || '/' || greatest(attempts, 1)
                          and updated_at < :before
                        order by updated_at limit 100
                        """)
                .param("before", settledBefore)
                .query(Unreported.class)
                .list();
        report(unreported.stream().map(page -> of(page.id(), page.incidentId(), page.channel(),
                switch (page.status()) {
                    case "RETRYING" -> DeliveryStatus.RETRYING;
                    case "HELD" -> DeliveryStatus.HELD;
                    case "CANCELLED" -> DeliveryStatus.CANCELLED;
                    case "SENT" -> DeliveryStatus.SENT;
                    case "DELIVERED" -> page.channel() == Channel.VOICE ? DeliveryStatus.ANSWERED : DeliveryStatus.DELIVERED;
                    default -> DeliveryStatus.FAILED;
                }, page.detail(), page.attempts())).toList());
    }

    /**
     * A provider's later word on the page it accepted as {@code providerId}: DELIVERED, or FAILED (undelivered, busy,
     * not answered). Recorded and reported once; false if no page of ours has this provider id.
     */
    public boolean providerReported(String providerId, DeliveryStatus status, String detail) {
        return providerReported(providerId, status, detail, false);
    }

    /**
     * As {@link #providerReported(String, DeliveryStatus, String)}; with {@code failOver}, a FAILED page that has a
     * next provider and has not failed over yet goes out through it at once instead (its one extra copy).
     */
    public boolean providerReported(String providerId, DeliveryStatus status, String detail, boolean failOver) {
        if (status != DeliveryStatus.DELIVERED && status != DeliveryStatus.FAILED && status != DeliveryStatus.ANSWERED) {
            throw new IllegalArgumentException(status + " is not a provider's report");
        }
        if (failOver && status == DeliveryStatus.FAILED) {
            Instant now = clock.instant();
            List<FailingOver> over = failOver(providerId, now, detail);
            if (!over.isEmpty()) {
                return true;
            }
        }
        record Page(UUID id, UUID incidentId, Channel channel, int attempts) {
        }
        // only a sent page moves on: a repeated or late callback (delivered after failed) changes nothing
        Optional<Page> page = jdbc.sql("""
                        update notification set status = :status, detail = coalesce(:detail, detail), updated_at = :now
                        where provider_id = :provider and status = 'SENT'
                        returning id, incident_id, channel, attempts
                        """)
                .param("status", status == DeliveryStatus.FAILED ? "FAILED" : "DELIVERED")
                .param("detail", detail)
                .param("provider", providerId)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query(Page.class)
                .optional();
        page.ifPresent(p -> {
            log.info("notification={} incident={} channel={} provider_id={} {}{}", p.id(), p.incidentId(), p.channel(),
                    providerId, status, detail == null ? "" : ": " + detail);
            report(List.of(of(p.id(), p.incidentId(), p.channel(), status, detail, p.attempts())));
        });
        return page.isPresent();
    }

    /**
     * A provider's word that it is carrying the page it accepted as {@code providerId} (a call initiated, ringing,
     * answered): its receipt, so the page no longer fails over for want of one. Its outcome comes later.
     */
    public void providerProgressed(String providerId) {
        jdbc.sql("update notification set receipt_due_at = null where provider_id = :provider and status = 'SENT'"
                        + " and receipt_due_at is not null")
                .param("provider", providerId)
                .update();
    }

    /**
     * Sent SMS whose delivery receipt is overdue, and placed calls with no status yet, go out through their next provider now, each once: the dispatcher's
     * due-deliveries poll sends them.
     */
    void failOverOverdue() {
        Instant now = clock.instant();
        failOver(null, now, null);
    }

    /** "twilio": "Twilio". */
    private static String label(String provider) {
        return provider.substring(0, 1).toUpperCase(Locale.ROOT) + provider.substring(1);
    }

    /** A sent page failing over: it becomes due at once, to go out through another provider. */
    private record FailingOver(UUID id, UUID incidentId, Channel channel, int attempts, String provider,
            String nextProvider, OffsetDateTime receiptDueAt) {
    }

    /**
     * Makes the sent page the provider knows as {@code providerId} (null: every page whose receipt is overdue) due at
     * once, if it has a next provider and no failover yet (RETRYING, its one extra copy spent), and tells routing why.
     * {@code detail}: the provider's word, or null for an overdue receipt.
     */
    private List<FailingOver> failOver(String providerId, Instant now, String detail) {
        List<FailingOver> over = jdbc.sql("""
                        update notification set status = 'RETRYING', next_attempt_at = :now, failed_over = true,
                                                updated_at = :now
                        where status = 'SENT' and next_provider is not null and not failed_over
                          and (provider_id = :provider or cast(:provider as text) is null and receipt_due_at <= :now)
                        returning id, incident_id, channel, attempts, provider, next_provider, receipt_due_at
                        """)
                .param("provider", providerId)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(FailingOver.class)
                .list();
        List<Report> toReport = new ArrayList<>(over.size());
        for (FailingOver page : over) {
            String why = detail != null ? detail
                    : (page.channel() == Channel.VOICE ? "no call status from " : "no delivery receipt from ")
                            + label(page.provider()) + " by "
                            + RECEIPT_TIME.format(page.receiptDueAt());
            String reason = why + "; sending it through " + label(page.nextProvider()) + " now";
            jdbc.sql("update notification set detail = :detail where id = :id")
                    .param("detail", reason).param("id", page.id()).update();
            log.warn("notification={} incident={} channel={} failing over: {}", page.id(), page.incidentId(),
                    page.channel(), reason);
            toReport.add(of(page.id(), page.incidentId(), page.channel(), DeliveryStatus.RETRYING, reason,
                    page.attempts()));
        }
        report(toReport);
        return over;
    }
}
