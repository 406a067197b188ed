-- alerts joining an open incident are announced once per batch, by a timer a moment after the first of them
alter table timer drop constraint timer_action_check,
    add constraint timer_action_check check (action in
        ('ESCALATE', 'NOTIFY', 'ACK_TIMEOUT', 'AUTO_RESOLVE', 'HEARTBEAT_DEADLINE', 'KEY_EXPIRY', 'MAINTENANCE_END',
         'STORM_CALM', 'JOINS_ANNOUNCED'));
