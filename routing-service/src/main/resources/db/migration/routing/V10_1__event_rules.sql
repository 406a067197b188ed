-- Issue 21: each integration's event rules, in order, as the API shows them. Every routing instance keeps them
-- compiled and compares its copy's revision with this one once per poll of alerts, so a change applies everywhere
-- from the next poll on.
create table event_rules (
    integration_id uuid        primary key references integration on delete cascade,
    rules          jsonb       not null,
    revision       bigint      not null,
    updated_at     timestamptz not null
);

-- The services event rules route alerts to: PostgreSQL refuses to delete one while a rule still routes there (the
-- API answers 409 naming the integration), so no alert is routed to a service that is gone.
create table event_rule_route (
    integration_id uuid not null references integration on delete cascade,
    service_id     uuid not null constraint event_rule_route_service_fk references service,
    primary key (integration_id, service_id)
);
