package io.tocsin.routing.schedule;

import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.user.Users;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Adding an override to a schedule, checked and audited alike whether it comes through the API or the console. */
@Component
public class OverrideBooking {

    private final Schedules schedules;
    private final Users users;
    private final AuditLog audit;

    OverrideBooking(Schedules schedules, Users users, AuditLog audit) {
        this.schedules = schedules;
        this.users = users;
        this.audit = audit;
    }

    /** {@code userId} is on call from {@code startsAt} to {@code endsAt}, instead of {@code replacesUserId} if given. */
    @Transactional
    public ScheduleOverride add(UUID scheduleId, UUID userId, UUID replacesUserId, Instant startsAt, Instant endsAt) {
        if (!schedules.exists(scheduleId)) {
            throw new NotFound("No schedule has id " + scheduleId);
        }
        user("'userId'", userId);
        if (replacesUserId != null) {
            user("'replacesUserId'", replacesUserId);
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidRequest("'endsAt' must be after 'startsAt'");
        }
        ScheduleOverride override = schedules.addOverride(scheduleId, userId, replacesUserId, startsAt, endsAt);
        audit.record(ResourceType.SCHEDULE_OVERRIDE, override.id(), Action.CREATE, null, override);
        return override;
    }

    private void user(String where, UUID id) {
        if (users.find(id).isEmpty()) {
            throw new InvalidRequest(where + ": no user has id " + id);
        }
    }
}
