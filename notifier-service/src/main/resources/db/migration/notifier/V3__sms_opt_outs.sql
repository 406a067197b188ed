-- Numbers that answered STOP: Twilio delivers no SMS to them until they answer START, so none is sent
create table sms_opt_out (
    address       text primary key,
    opted_out_at  timestamptz not null
);
