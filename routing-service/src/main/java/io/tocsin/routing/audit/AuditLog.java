package io.tocsin.routing.audit;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.api.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.json.JsonMapper;

/** The audit log of configuration changes; each entry is written in the transaction of its change. */
@Repository
public class AuditLog {

    /** What was changed. */
    public enum ResourceType {
        USER, CONTACT_METHOD, NOTIFICATION_RULE, SERVICE, INTEGRATION, ESCALATION_POLICY, API_TOKEN, TEAM, SCHEDULE,
        SCHEDULE_OVERRIDE, MAINTENANCE_WINDOW, STATUS_PAGE, EVENT_RULES
    }

    /** How it was changed; enabling or disabling an integration is an update. */
    public enum Action {
        CREATE, UPDATE, DELETE
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a change by the caller of the current API request; {@code before} and {@code after} are the resource
     * as the API shows it (null where it did not or no longer exists).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(ResourceType type, Object id, Action action, Object before, Object after) {
        Caller caller = (Caller) RequestContextHolder.currentRequestAttributes()
                .getAttribute(Caller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        jdbc.sql("""
                        insert into audit_log (at, token_id, actor, resource_type, resource_id, action, before, after)
                        values (:at, :token, :actor, :type, :id, :action, cast(:before as jsonb), cast(:after as jsonb))
                        """)
                .param("at", SqlTime.of(clock.instant()))
                .param("token", caller == null ? null : caller.tokenId())
                .param("actor", caller == null ? "tocsin" : caller.actorName())
                .param("type", type.name())
                .param("id", id.toString())
                .param("action", action.name())
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .update();
    }

    /** Entries matching the filter (each part optional), newest first, older than entry {@code before} if given. */
    List<AuditEntry> entries(ResourceType type, String resourceId, Instant since, Long before, int limit) {
        return jdbc.sql("""
                        select id, at, token_id, actor, resource_type, resource_id, action, before, after
                        from audit_log
                        where (cast(:type as text) is null or resource_type = :type)
                          and (cast(:resource as text) is null or resource_id = :resource)
                          and (cast(:since as timestamptz) is null or at >= :since)
                          and (cast(:before as bigint) is null or id < :before)
                        order by id desc limit :limit
                        """)
                .param("type", type == null ? null : type.name())
                .param("resource", resourceId)
                .param("since", since == null ? null : SqlTime.of(since))
                .param("before", before)
                .param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), SqlTime.instant(rs, "at"),
                        rs.getObject("token_id", UUID.class), rs.getString("actor"),
                        ResourceType.valueOf(rs.getString("resource_type")), rs.getString("resource_id"),
                        Action.valueOf(rs.getString("action")),
                        rs.getString("before") == null ? null : json.readTree(rs.getString("before")),
                        rs.getString("after") == null ? null : json.readTree(rs.getString("after"))))
                .list();
    }
}
