-- SMS and voice over several providers: which one carried each page, and the one failover a page may have.
alter table notification
    -- the provider that took the page ('twilio', 'vonage'); null for other channels
    add column provider       text,
    -- the provider the page goes out through if this one does not deliver it (null: none left)
    add column next_provider  text,
    -- SENT SMS: failed over to next_provider when no delivery receipt came by then
    add column receipt_due_at timestamptz,
    -- the page's one extra copy is spent (a failover, or a send after a provider that did not answer)
    add column failed_over    boolean not null default false;

create index notification_receipt_due on notification (receipt_due_at)
    where status = 'SENT' and receipt_due_at is not null and not failed_over;
