-- PUSH contact methods: an ntfy topic URL, with the topic's access token when it is protected, sealed with
-- TOCSIN_SECRET_KEYS (AES-GCM; the API never shows it again, only that one is set).
alter table contact_method add column sealed_secret text;
alter table contact_method drop constraint contact_method_channel_check,
    add constraint contact_method_channel_check
        check (channel in ('CONSOLE', 'SMS', 'VOICE', 'EMAIL', 'SLACK', 'WEBHOOK', 'PUSH'));
