-- the W3C traceparent of the work that wrote the message, so the relay's send continues that trace
alter table outbox add column trace_parent text;
