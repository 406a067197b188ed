package io.tocsin.notifier.slack;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Slack messages posted about an incident, from the notification table: where each lives and whom it paged. */
@Repository
class SlackMessages {

    /**
     * A posted message: {@code providerId} is "channel:ts" (for a DM the D… conversation Slack answered with);
     * {@code address} the channel or member ID paged; {@code toUser} false for a channel an escalation level targets;
     * {@code userName} whom it paged, if the contact method is still known.
     */
    record Posted(String providerId, String address, boolean toUser, String userName) {

        String channel() {
            return providerId.substring(0, providerId.indexOf(':'));
        }

        String ts() {
            return providerId.substring(providerId.indexOf(':') + 1);
        }

        /** As the message's "Paged" field showed it when it was posted. */
        String paged() {
            if (!toUser) {
                return "<#" + address + ">";
            }
            return userName == null ? "<@" + address + ">" : SlackPage.escape(userName);
        }
    }

    private final JdbcClient jdbc;

    SlackMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Messages Slack accepted for the incident; failed and in-flight pages have none to update. {@code requestedBefore}
     * (null: all) leaves out the pages asked for at or after a change, which already show it.
     */
    List<Posted> of(UUID incidentId, Instant requestedBefore) {
        return jdbc.sql("""
                        select n.provider_id, n.address, n.user_id is not null as to_user, m.user_name
                        from notification n left join contact_method m on m.id = n.contact_method_id
                        where n.incident_id = :incident and n.channel = 'SLACK' and n.status in ('SENT', 'DELIVERED')
                          and n.provider_id like '%:%'
                          and (cast(:before as timestamptz) is null or n.requested_at < cast(:before as timestamptz))
                        order by n.requested_at
                        """)
                .param("incident", incidentId)
                .param("before", requestedBefore == null ? null
                        : OffsetDateTime.ofInstant(requestedBefore, ZoneOffset.UTC))
                .query(Posted.class)
                .list();
    }
}
