package io.tocsin.routing.user;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactMethodUpdated;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.inbox.Inbox;
import io.tocsin.routing.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users, their contact methods and their notification rules. Every contact method written or removed here is
 * announced on the compacted contact methods topic, so that the notifier knows who answers from an address.
 */
@Repository
public class Users {

    private static final Logger log = LoggerFactory.getLogger(Users.class);
    private static final String METHOD_COLUMNS = "id, user_id, channel, address, opted_out_at, verified_at, sealed_secret";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    private final Inbox inbox;

    Users(JdbcClient jdbc, Outbox outbox, Inbox inbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.inbox = inbox;
        this.clock = clock;
    }

    /** Marks every contact method with the address as opted out of its channel (a "STOP"), or back in. */
    @Transactional
    public void onContactStatus(ContactStatusChanged status) {
        if (!inbox.firstDelivery(status.id())) {
            return;
        }
        int methods = jdbc.sql("""
                        update contact_method set opted_out_at = case when :out then coalesce(opted_out_at, :at) end
                        where channel = :channel and address = :address
                        """)
                .param("out", status.optedOut())
                .param("at", SqlTime.of(status.at() == null ? clock.instant() : status.at()))
                .param("channel", status.channel().name())
                .param("address", status.address())
                .update();
        log.info("contact status message={} channel={} opted {} contact methods={}", status.id(), status.channel(),
                status.optedOut() ? "out" : "in", methods);
    }

    public Optional<User> find(UUID id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** Those of these users that exist, in one statement. */
    public List<User> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, name, email from app_user where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(User.class)
                .list();
    }

    /** A user with their notification rules for some urgencies, user by user soonest first. */
    public record WithRules(User user, List<NotificationRule> rules) {
    }

    /**
     * Those of these users that exist, each with their rules for these urgencies, in one statement: paging a user
     * asks for both.
     */
    public List<WithRules> findAllWithRules(Collection<UUID> ids, Collection<Urgency> urgencies) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, WithRules> found = new LinkedHashMap<>();
        jdbc.sql("""
                        select u.id as user_id, u.name, u.email, r.id as rule_id, r.urgency, r.delay_seconds, c.id,
                               c.channel, c.address, c.opted_out_at, c.verified_at, c.sealed_secret
                        from app_user u
                             left join (notification_rule r join contact_method c on c.id = r.contact_method_id)
                                 on r.user_id = u.id and r.urgency in (:urgencies)
                        where u.id in (:users)
                        order by u.id, r.urgency, r.delay_seconds, c.id
                        """)
                .param("users", List.copyOf(ids))
                .param("urgencies", urgencies.stream().map(Urgency::name).toList())
                .query((RowCallbackHandler) rs -> {
                    UUID userId = rs.getObject("user_id", UUID.class);
                    WithRules user = found.get(userId);
                    if (user == null) {
                        user = new WithRules(new User(userId, rs.getString("name"), rs.getString("email")),
                                new ArrayList<>());
                        found.put(userId, user);
                    }
                    if (rs.getObject("rule_id") != null) {
                        user.rules().add(rule(rs, 0));
                    }
                });
        return List.copyOf(found.values());
    }

    public Optional<ContactMethod> contactMethod(UUID id) {
        return jdbc.sql("select " + METHOD_COLUMNS + " from contact_method where id = :id")
                .param("id", id)
                .query(Users::method)
                .optional();
    }

    public List<User> list() {
        return jdbc.sql("select id, name, email from app_user order by name, id").query(User.class).list();
    }

    /**
     * Removes the user with their contact methods (announced as removed), rules and ended overrides (the audit log
     * keeps those); the caller checked that no current or future override names them.
     */
    @Transactional
    public boolean delete(UUID id) {
        List<ContactMethod> methods = contactMethods(id);
        jdbc.sql("delete from schedule_override where (user_id = :id or replaces_user_id = :id) and ends_at <= :now")
                .param("id", id)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        Optional<String> name = jdbc.sql("delete from app_user where id = :id returning name")
                .param("id", id)
                .query(String.class)
                .optional();
        name.ifPresent(userName -> methods.forEach(method -> announce(method, userName, true)));
        return name.isPresent();
    }

    /**
     * The schedules whose rotations or overrides not ended yet name the user, as "name (id)"; deleting the user would
     * break them.
     */
    public List<String> schedulesNaming(UUID userId) {
        return jdbc.sql("""
                        select s.name || ' (' || s.id || ')' from schedule s
                        where exists (select 1 from rotation r join rotation_participant p on p.rotation_id = r.id
                                      where r.schedule_id = s.id and p.user_id = :user)
                           or exists (select 1 from schedule_override o where o.schedule_id = s.id
                                      and (o.user_id = :user or o.replaces_user_id = :user) and o.ends_at > :now)
                        order by 1
                        """)
                .param("user", userId)
                .param("now", SqlTime.of(clock.instant()))
                .query(String.class)
                .list();
    }

    /** Whether the user is in one of the schedule's rotations (a responder may then manage its overrides). */
    public boolean takesPartIn(UUID userId, UUID scheduleId) {
        return jdbc.sql("""
                        select exists (select 1 from rotation r join rotation_participant p on p.rotation_id = r.id
                                       where r.schedule_id = :schedule and p.user_id = :user)
                        """)
                .param("schedule", scheduleId)
                .param("user", userId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Whether the user has a rule paging this contact method at this urgency after this delay already, other than the
     * rule {@code except} (null: any).
     */
    boolean hasRule(ContactMethod method, Urgency urgency, Duration delay, UUID except) {
        return jdbc.sql("""
                        select exists (select 1 from notification_rule where contact_method_id = :method
                                       and urgency = :urgency and delay_seconds = :delay
                                       and (cast(:except as uuid) is null or id <> :except))
                        """)
                .param("method", method.id())
                .param("except", except)
                .param("urgency", urgency.name())
                .param("delay", delay.toSeconds())
                .query(Boolean.class)
                .single();
    }

    public List<ContactMethod> contactMethods(UUID userId) {
        return jdbc.sql("select " + METHOD_COLUMNS + " from contact_method where user_id = :user order by created_at, id")
                .param("user", userId)
                .query(Users::method)
                .list();
    }

    /** Removes the contact method (announced as removed) and the rules that use it. */
    @Transactional
    public boolean deleteContactMethod(UUID userId, UUID id) {
        Optional<ContactMethod> method = contactMethod(id).filter(m -> m.userId().equals(userId));
        method.ifPresent(removed -> {
            jdbc.sql("delete from contact_method where id = :id").param("id", id).update();
            announce(removed, find(userId).orElseThrow().name(), true);
        });
        return method.isPresent();
    }

    /** The user's rules for this urgency (all of them if null), soonest first. */
    public List<NotificationRule> rules(UUID userId, Urgency urgency) {
        return rules(List.of(userId), urgency);
    }

    /**
     * These users' rules for this urgency (all of them if null), user by user (the rule's contact method says whose),
     * soonest first, in one statement.
     */
    public List<NotificationRule> rules(Collection<UUID> userIds, Urgency urgency) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select r.id as rule_id, r.urgency, r.delay_seconds, c.id, c.user_id, c.channel, c.address,
                               c.opted_out_at, c.verified_at, c.sealed_secret
                        from notification_rule r join contact_method c on c.id = r.contact_method_id
                        where r.user_id in (:users) and (cast(:urgency as text) is null or r.urgency = :urgency)
                        order by r.user_id, r.urgency, r.delay_seconds, c.id
                        """)
                .param("users", List.copyOf(userIds))
                .param("urgency", urgency == null ? null : urgency.name())
                .query(Users::rule)
                .list();
    }

    private static NotificationRule rule(ResultSet rs, int row) throws SQLException {
        return new NotificationRule(rs.getObject("rule_id", UUID.class), method(rs, row),
                Urgency.valueOf(rs.getString("urgency")), Duration.ofSeconds(rs.getLong("delay_seconds")));
    }

    public boolean deleteRule(UUID userId, UUID id) {
        return jdbc.sql("delete from notification_rule where id = :id and user_id = :user")
                .param("id", id)
                .param("user", userId)
                .update() == 1;
    }

    public User create(String name, String email) {
        User user = new User(UUID.randomUUID(), name, email);
        jdbc.sql("insert into app_user (id, name, email, created_at) values (:id, :name, :email, :now)")
                .param("id", user.id())
                .param("name", name)
                .param("email", email)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return user;
    }

    /** Renames the user or changes their email; their contact methods are announced again under the new name. */
    @Transactional
    public Optional<User> update(UUID id, String name, String email) {
        int updated = jdbc.sql("update app_user set name = :name, email = :email where id = :id")
                .param("id", id)
                .param("name", name)
                .param("email", email)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        contactMethods(id).forEach(method -> announce(method, name, false));
        return find(id);
    }

    /** Adds a verified contact method: for callers that know the address is the user's (the demo, an admin). */
    @Transactional
    public ContactMethod addContactMethod(UUID userId, Channel channel, String address) {
        return addContactMethod(userId, channel, address, true, null);
    }

    /**
     * Adds a contact method; unless {@code verified}, an SMS, voice or email one pages nobody until its owner
     * verified it ({@link #verified}). {@code sealedSecret}: the method's access token, sealed, or null.
     */
    @Transactional
    public ContactMethod addContactMethod(UUID userId, Channel channel, String address, boolean verified,
            String sealedSecret) {
        Instant now = clock.instant();
        boolean isVerified = verified || !ContactMethod.needsVerification(channel);
        ContactMethod method = new ContactMethod(UUID.randomUUID(), userId, channel, address, false, null, isVerified,
                sealedSecret);
        jdbc.sql("""
                        insert into contact_method (id, user_id, channel, address, sealed_secret, created_at,
                                                    verified_at)
                        values (:id, :user, :channel, :address, :secret, :now, :verifiedAt)
                        """)
                .param("id", method.id())
                .param("user", userId)
                .param("channel", channel.name())
                .param("address", address)
                .param("secret", sealedSecret)
                .param("now", SqlTime.of(now))
                .param("verifiedAt", isVerified ? SqlTime.of(now) : null)
                .update();
        announce(method, find(userId).orElseThrow().name(), false);
        return method;
    }

    /**
     * Changes the method's address; a new SMS, voice or email address is unverified again (unless {@code verified})
     * and any code sent to the old one is void.
     */
    @Transactional
    public ContactMethod changeAddress(ContactMethod method, String address, boolean verified) {
        boolean changed = !method.address().equals(address);
        boolean isVerified = verified || !ContactMethod.needsVerification(method.channel())
                || method.verified() && !changed;
        jdbc.sql("""
                        update contact_method set address = :address, opted_out_at = case when :changed then null
                                                  else opted_out_at end,
                               verified_at = case when not :verified then null
                                                  else coalesce(verified_at, :now) end
                        where id = :id
                        """)
                .param("id", method.id())
                .param("address", address)
                .param("changed", changed)
                .param("verified", isVerified)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        if (changed) {
            jdbc.sql("delete from contact_verification where contact_method_id = :id").param("id", method.id()).update();
        }
        ContactMethod after = contactMethod(method.id()).orElseThrow();
        announce(after, find(method.userId()).orElseThrow().name(), false);
        return after;
    }

    /** Marks the method verified (its owner entered the code) and tells the notifier whose address it is. */
    @Transactional
    public ContactMethod verified(ContactMethod method) {
        jdbc.sql("update contact_method set verified_at = coalesce(verified_at, :now) where id = :id")
                .param("id", method.id())
                .param("now", SqlTime.of(clock.instant()))
                .update();
        ContactMethod after = contactMethod(method.id()).orElseThrow();
        announce(after, find(method.userId()).orElseThrow().name(), false);
        return after;
    }

    /** Announces every contact method again, for a Kafka cluster that lost the compacted topic; returns how many. */
    public int republishContactMethods() {
        record Row(ContactMethod method, String userName) {
        }
        List<Row> rows = jdbc.sql("""
                        select m.*, u.name as user_name from contact_method m join app_user u on u.id = m.user_id
                        order by m.created_at, m.id
                        """)
                .query((rs, n) -> new Row(method(rs, n), rs.getString("user_name")))
                .list();
        rows.forEach(row -> announce(row.method(), row.userName(), false));
        return rows.size();
    }

    private static ContactMethod method(ResultSet rs, int row) throws SQLException {
        Instant optedOutAt = SqlTime.instant(rs, "opted_out_at");
        return new ContactMethod(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), rs.getString("address"), optedOutAt != null, optedOutAt,
                rs.getObject("verified_at") != null, rs.getString("sealed_secret"));
    }

    /**
     * Tells the notifier who answers from the method's address; a method not verified yet is announced as removed
     * (whoever holds the address is not known to be its user), and announced again once verified.
     */
    private void announce(ContactMethod method, String userName, boolean removed) {
        outbox.append(Outbox.CONTACT_METHODS, method.id().toString(), new ContactMethodUpdated(UUID.randomUUID(),
                ContactMethodUpdated.SCHEMA_VERSION, method.id(), method.userId(), userName, method.channel(),
                method.address(), removed || !method.verified(), clock.instant()));
    }

    public NotificationRule addRule(ContactMethod method, Urgency urgency, Duration delay) {
        NotificationRule rule = new NotificationRule(UUID.randomUUID(), method, urgency, delay);
        jdbc.sql("""
                        insert into notification_rule (id, user_id, contact_method_id, urgency, delay_seconds)
                        values (:id, :user, :method, :urgency, :delay)
                        """)
                .param("id", rule.id())
                .param("user", method.userId())
                .param("method", method.id())
                .param("urgency", urgency.name())
                .param("delay", delay.toSeconds())
                .update();
        return rule;
    }

    /** Stores the rule's contact method, urgency and delay in place of what its id had. */
    void updateRule(NotificationRule rule) {
        jdbc.sql("""
                        update notification_rule set contact_method_id = :method, urgency = :urgency,
                                                     delay_seconds = :delay
                        where id = :id and user_id = :user
                        """)
                .param("id", rule.id())
                .param("user", rule.contactMethod().userId())
                .param("method", rule.contactMethod().id())
                .param("urgency", rule.urgency().name())
                .param("delay", rule.delay().toSeconds())
                .update();
    }

    /** The escalation policies a level of which pages this user, as "name (id)", by name. */
    public List<String> policiesPaging(UUID id) {
        return jdbc.sql("""
                        select p.name || ' (' || p.id || ')' from escalation_policy p
                        where exists (select 1 from escalation_target t where t.policy_id = p.id and t.user_id = :id)
                        order by 1
                        """)
                .param("id", id)
                .query(String.class)
                .list();
    }
}
