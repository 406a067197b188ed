-- an incident opened suppressed during a maintenance window starts paging when the window ends, if still triggered
alter table timer drop constraint timer_action_check,
    add constraint timer_action_check check (action in
        ('ESCALATE', 'NOTIFY', 'ACK_TIMEOUT', 'AUTO_RESOLVE', 'HEARTBEAT_DEADLINE', 'KEY_EXPIRY', 'MAINTENANCE_END'));
