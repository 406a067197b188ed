package io.tocsin.routing.user;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, their contact methods and their notification rules. */
@Repository
public class Users {

    private final JdbcClient jdbc;
    private final Clock clock;

    Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<User> find(UUID id) {
        return jdbc.sql("select id, name, email from app_user where id = :id")
                .param("id", id)
                .query(User.class)
                .optional();
    }

    public Optional<ContactMethod> contactMethod(UUID id) {
        return jdbc.sql("select id, user_id, channel, address from contact_method where id = :id")
                .param("id", id)
                .query(ContactMethod.class)
                .optional();
    }

    /** The user's rules for this urgency, soonest first. */
    public List<NotificationRule> rules(UUID userId, Urgency urgency) {
        return jdbc.sql("""
                        select c.id, c.user_id, c.channel, c.address, r.delay_seconds
                        from notification_rule r join contact_method c on c.id = r.contact_method_id
                        where r.user_id = :user and r.urgency = :urgency
                        order by r.delay_seconds, c.id
                        """)
                .param("user", userId)
                .param("urgency", urgency.name())
                .query((rs, n) -> new NotificationRule(
                        new ContactMethod(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                                Channel.valueOf(rs.getString("channel")), rs.getString("address")),
                        Duration.ofSeconds(rs.getLong("delay_seconds"))))
                .list();
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

    public ContactMethod addContactMethod(UUID userId, Channel channel, String address) {
        ContactMethod method = new ContactMethod(UUID.randomUUID(), userId, channel, address);
        jdbc.sql("""
                        insert into contact_method (id, user_id, channel, address, created_at)
                        values (:id, :user, :channel, :address, :now)
                        """)
                .param("id", method.id())
                .param("user", userId)
                .param("channel", channel.name())
                .param("address", address)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return method;
    }

    public void addRule(ContactMethod method, Urgency urgency, Duration delay) {
        jdbc.sql("""
                        insert into notification_rule (id, user_id, contact_method_id, urgency, delay_seconds)
                        values (:id, :user, :method, :urgency, :delay)
                        """)
                .param("id", UUID.randomUUID())
                .param("user", method.userId())
                .param("method", method.id())
                .param("urgency", urgency.name())
                .param("delay", delay.toSeconds())
                .update();
    }
}
