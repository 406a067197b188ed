package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.KnownIncidents;
import io.tocsin.notifier.incident.StatusWords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification table: each page, where it stands with its provider, and what is needed to send it again (the
 * request itself, the next attempt's time, the deadline for retries).
 */
@Repository
class Notifications {

    enum Status {
        /** Handed to the provider now; {@code next_attempt_at} is the lease after which it counts as lost mid-send. */
        SENDING,
        /** Failed for a temporary reason; tried again at {@code next_attempt_at}. */
        RETRYING,
        /** Throttled; goes out in its contact method's next bundle, or is part of one being sent if bundled_into. */
        HELD,
        SENT, DELIVERED, FAILED,
        /** Held or retried, not sent after all: its incident was acknowledged or resolved meanwhile. */
        CANCELLED
    }

    record Notification(UUID id, Status status, String providerId, String detail, int attempts) {
    }

    /**
     * A request to store as it comes in, counted under {@code throttleKey} with at most {@code throttleLimit} messages
     * per window (both null: not throttled).
     */
    record NewPage(NotificationRequested request, String throttleKey, Integer throttleLimit) {
    }

    /**
     * One send to make: attempt number {@code attempt} of the notification, until {@code deadline}; {@code bundled}
     * are the held pages riding along in the same message; {@code avoid}, the provider that failed to deliver it
     * before (its failover), or null.
     */
    record Attempt(NotificationRequested request, int attempt, Instant deadline, List<NotificationRequested> bundled,
            String avoid) {

        /** What goes to the provider: the page itself, or one message listing all the bundled pages. */
        NotificationRequested page() {
            if (bundled.isEmpty()) {
                return request;
            }
            List<NotificationRequested> all = new ArrayList<>(bundled.size() + 1);
            all.add(request);
            all.addAll(bundled);
            return Bundle.of(all);
        }
    }

    /** A page not sent after all, with why ({@code detail}), as routing is to be told. */
    record Cancelled(UUID id, UUID incidentId, Channel channel, int attempt, String detail) {
    }

    /** A contact method with held pages waiting for its throttle window. */
    record HeldKey(String throttleKey, Channel channel) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;
    private final JsonMapper json;

    Notifications(JdbcClient jdbc, NamedParameterJdbcOperations batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** The stored pages among these, by id: a poll's redelivered requests. */
    Map<UUID, Notification> find(Collection<UUID> ids) {
        return jdbc.sql("select id, status, provider_id, detail, attempts from notification where id in (:ids)")
                .param("ids", ids)
                .query(Notification.class)
                .stream()
                .collect(Collectors.toMap(Notification::id, Function.identity()));
    }

    /**
     * Stores a poll's new requests in one statement, in their order, so throttle and bundle decisions follow it: what
     * the pages teach of their incidents ({@link KnownIncidents#PAGED}) and contacts
     * ({@link Contacts#LEARNED_FROM_PAGES}), and each request as being sent (first attempt, leased until
     * {@code leaseUntil}), or HELD (without a lease or an attempt) when its throttle window ({@link Throttle#WINDOWS},
     * counted since {@code windowSince}, locked by the caller) is full or already holds pages: they go first, and it
     * joins their bundle. Committed before the provider is called, so a crash repeats at most this send. Returns the
     * status of each request stored now, by id; one stored before (redelivered) is left as it was, and not returned.
     */
    Map<UUID, Status> begin(List<NewPage> pages, Instant now, Instant leaseUntil, Instant deadline,
            OffsetDateTime windowSince) {
        if (pages.isEmpty()) {
            return Map.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>(pages.size());
        for (NewPage page : pages) {
            NotificationRequested n = page.request();
            Map<String, Object> row = new HashMap<>();
            row.put("ord", rows.size());
            row.put("id", n.id());
            row.put("incident_id", n.incidentId());
            row.put("user_id", n.userId());
            row.put("user_name", n.userName());
            row.put("contact_method_id", n.contactMethodId());
            row.put("channel", n.channel().name());
            row.put("address", n.address());
            row.put("requested_at", n.requestedAt().toString());
            row.put("request", n);
            row.put("is_page", n.isPage());
            row.put("number", n.incidentNumber());
            row.put("service_name", n.serviceName());
            row.put("summary", n.summary());
            row.put("severity", n.severity() == null ? null : n.severity().name());
            row.put("throttle_key", page.throttleKey());
            row.put("throttle_limit", page.throttleLimit());
            rows.add(row);
        }
        // a new page is held when pages already wait in its window, or when the messages counted there and those
        // of the poll's pages ahead of it fill the window
        return jdbc.sql("""
                        with page as (
                                 select distinct on (p.id) p.*
                                 from jsonb_to_recordset(cast(:pages as jsonb))
                                          as p(ord int, id uuid, incident_id uuid, user_id uuid, user_name text,
                                               contact_method_id uuid, channel text, address text,
                                               requested_at timestamptz, request jsonb, is_page boolean,
                                               number bigint, service_name text, summary text, severity text,
                                               throttle_key text, throttle_limit int)
                                 where not exists (select 1 from notification n where n.id = p.id)
                                 order by p.id, p.ord),
                             incidents as (%s),
                             contacts as (%s),
                             throttled as (select distinct throttle_key as key from page
                                           where throttle_key is not null),
                             windows as (%s),
                             decided as (
                                 select page.*,
                                        coalesce(windows.waiting or row_number() over (partition by page.throttle_key
                                                                                       order by page.ord)
                                                                    > page.throttle_limit - windows.used, false) as held
                                 from page left join windows on windows.key = page.throttle_key)
                        insert into notification (id, incident_id, user_id, contact_method_id, channel, address, status,
                                                  attempts, requested_at, updated_at, request, next_attempt_at,
                                                  deadline, sent_at, throttle_key)
                        select id, incident_id, user_id, contact_method_id, channel, address,
                               case when held then 'HELD' else 'SENDING' end, case when held then 0 else 1 end,
                               requested_at, :now, request, case when held then null else :lease end,
                               case when held then null else :deadline end, case when held then null else :now end,
                               throttle_key
                        from decided order by ord
                        on conflict (id) do nothing
                        returning id, status
                        """.formatted(KnownIncidents.PAGED, Contacts.LEARNED_FROM_PAGES, Throttle.WINDOWS))
                .param("pages", json.writeValueAsString(rows))
                .param("now", utc(now))
                .param("lease", utc(leaseUntil))
                .param("deadline", utc(deadline))
                .param("since", windowSince)
                .query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), Status.valueOf(rs.getString("status"))))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Claims the next page due to be sent again, one whose retry time has come or whose send lease ran out (the
     * instance sending it died), locking out other instances, and leases it until {@code leaseUntil}. Auto-committed
     * before the provider is called.
     */
    Optional<Attempt> claimDue(Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        update notification set status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease,
                                                updated_at = :now
                        where id = (select id from notification
                                    where status in ('SENDING', 'RETRYING') and next_attempt_at <= :now
                                      and request is not null
                                    order by next_attempt_at limit 1
                                    for update skip locked)
                        returning id, request::text as request, attempts, deadline,
                                  case when failed_over then provider end as avoid
                        """)
                .param("now", utc(now))
                .param("lease", utc(leaseUntil))
                .query(this::attempt)
                .optional();
    }

    /**
     * Cancels the held and retried pages whose incident was acknowledged or resolved after they were asked for, so
     * that none goes out after the answer; a page asked for later (the incident triggered again) still goes out.
     * Pages being sent right now are left alone, and the pages riding in a cancelled page's bundle wait to be
     * released on their own. Call in a transaction.
     */
    List<Cancelled> cancelUnneeded(Instant now) {
        record Unneeded(UUID id, UUID incidentId, Channel channel, int attempt, KnownIncident incident) {
        }
        List<Unneeded> unneeded = jdbc.sql("""
                        select n.id, n.incident_id, n.channel, greatest(n.attempts, 1) as attempt, i.number,
                               i.service_name, i.summary, i.severity, i.status, i.changed_by, i.changed_via
                        from notification n
                        join incident i on i.id = n.incident_id
                        left join notification carrier on carrier.id = n.bundled_into
                        where n.status in ('SENDING', 'RETRYING', 'HELD')
                          and i.status <> 'TRIGGERED' and i.updated_at >= n.requested_at
                          and (n.status = 'RETRYING'
                               or n.status = 'SENDING' and n.next_attempt_at <= :now
                               or n.status = 'HELD' and (carrier.id is null or carrier.status <> 'SENDING'
                                                         or carrier.next_attempt_at <= :now))
                        for update of n skip locked
                        """)
                .param("now", utc(now))
                .query((rs, row) -> new Unneeded(rs.getObject("id", UUID.class),
                        rs.getObject("incident_id", UUID.class), Channel.valueOf(rs.getString("channel")),
                        rs.getInt("attempt"), new KnownIncident(rs.getObject("incident_id", UUID.class),
                                rs.getObject("number", Long.class), rs.getString("service_name"), rs.getString("summary"),
                                rs.getString("severity"), IncidentStatus.valueOf(rs.getString("status")),
                                rs.getString("changed_by"), rs.getString("changed_via"))))
                .list();
        List<Cancelled> cancelled = new ArrayList<>(unneeded.size());
        for (Unneeded page : unneeded) {
            String detail = "the incident was " + StatusWords.state(page.incident()) + " before it went out";
            jdbc.sql("""
                            update notification set status = 'CANCELLED', detail = :detail, next_attempt_at = null,
                                                    bundled_into = null, updated_at = :now
                            where id = :id
                            """)
                    .param("id", page.id())
                    .param("detail", detail)
                    .param("now", utc(now))
                    .update();
            jdbc.sql("update notification set bundled_into = null, updated_at = :now where bundled_into = :id")
                    .param("id", page.id())
                    .param("now", utc(now))
                    .update();
            cancelled.add(new Cancelled(page.id(), page.incidentId(), page.channel(), page.attempt(), detail));
        }
        return cancelled;
    }

    /** Contact methods with held pages not yet in a bundle. */
    List<HeldKey> heldKeys() {
        return jdbc.sql("""
                        select distinct throttle_key, channel from notification
                        where status = 'HELD' and bundled_into is null
                        """)
                .query(HeldKey.class)
                .list();
    }

    /**
     * Sends the contact method's held pages as one: the oldest becomes the carrier (first attempt, leased), the others
     * are recorded as bundled into it. The caller holds the contact method's throttle lock in this transaction.
     */
    Optional<Attempt> release(String throttleKey, Instant now, Instant leaseUntil, Instant deadline) {
        List<UUID> held = jdbc.sql("""
                        select id from notification
                        where throttle_key = :key and status = 'HELD' and bundled_into is null
                        order by requested_at, id
                        for update
                        """)
                .param("key", throttleKey)
                .query(UUID.class)
                .list();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        UUID carrier = held.getFirst();
        List<UUID> riders = held.subList(1, held.size());
        if (!riders.isEmpty()) {
            jdbc.sql("update notification set bundled_into = :carrier, updated_at = :now where id in (:ids)")
                    .param("carrier", carrier)
                    .param("ids", riders)
                    .param("now", utc(now))
                    .update();
        }
        return jdbc.sql("""
                        update notification set status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease,
                                                deadline = :deadline, sent_at = :now, updated_at = :now
                        where id = :id
                        returning id, request::text as request, attempts, deadline, null as avoid
                        """)
                .param("id", carrier)
                .param("lease", utc(leaseUntil))
                .param("deadline", utc(deadline))
                .param("now", utc(now))
                .query(this::attempt)
                .optional();
    }

    /**
     * What attempt {@code attempt} of a page came to at {@code at}: SENT, FAILED (nothing more will be tried: for the
     * page and any bundled into it), or RETRYING at {@code nextAttempt}; {@code carried}: by which SMS or voice
     * provider it was sent, and what may follow (null for other channels and outcomes).
     */
    record Finish(UUID id, int attempt, Status status, String providerId, String detail, Instant nextAttempt,
            SendOutcome.Carried carried, Instant at) {

        private boolean settled() {
            return status != Status.RETRYING;
        }
    }

    /**
     * Stores what these attempts came to, one JDBC batch; a settled page's bundle is settled with it. Bundled pages
     * keep no provider id: the provider's later reports are about the carrier's message.
     */
    void finish(List<Finish> finishes) {
        batch.batchUpdate("""
                        update notification set status = :status, detail = :detail, next_attempt_at = :next,
                                                updated_at = :now,
                                                provider_id = case when id = :id and :settled then :providerId
                                                                   else provider_id end,
                                                attempts = case when id = :id then attempts else :attempt end,
                                                provider = case when id = :id and :carried then :provider
                                                                else provider end,
                                                next_provider = case when id = :id and :carried then :nextProvider
                                                                     else next_provider end,
                                                receipt_due_at = case when id = :id and :carried then :receiptDue
                                                                      else receipt_due_at end,
                                                failed_over = failed_over or id = :id and :copyPossible
                        where id = :id or :settled and bundled_into = :id
                        """, finishes.stream()
                        // in id order, so that two groups can never wait for each other's rows
                        .sorted(Comparator.comparing(Finish::id))
                        .map(finish -> {
                            SendOutcome.Carried carried = finish.carried();
                            return new MapSqlParameterSource()
                                    .addValue("id", finish.id())
                                    .addValue("attempt", finish.attempt())
                                    .addValue("status", finish.status().name())
                                    .addValue("settled", finish.settled())
                                    .addValue("providerId", finish.providerId(), Types.VARCHAR)
                                    .addValue("detail", finish.detail(), Types.VARCHAR)
                                    .addValue("next", utc(finish.nextAttempt()), Types.TIMESTAMP_WITH_TIMEZONE)
                                    .addValue("now", utc(finish.at()))
                                    .addValue("carried", carried != null)
                                    .addValue("provider", carried == null ? null : carried.provider(), Types.VARCHAR)
                                    .addValue("nextProvider", carried == null ? null : carried.next(), Types.VARCHAR)
                                    .addValue("receiptDue", carried == null || carried.receiptWithin() == null ? null
                                            : utc(finish.at().plus(carried.receiptWithin())),
                                            Types.TIMESTAMP_WITH_TIMEZONE)
                                    .addValue("copyPossible", carried != null && carried.copyPossible());
                        })
                        .toArray(SqlParameterSource[]::new));
    }

    private Attempt attempt(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<NotificationRequested> bundled = jdbc.sql("""
                        select request::text from notification where bundled_into = :id order by requested_at, id
                        """)
                .param("id", id)
                .query(String.class)
                .list()
                .stream()
                .map(this::request)
                .toList();
        return new Attempt(request(rs.getString("request")), rs.getInt("attempts"),
                rs.getObject("deadline", OffsetDateTime.class).toInstant(), bundled, rs.getString("avoid"));
    }

    private NotificationRequested request(String stored) {
        return json.readValue(stored, NotificationRequested.class);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
