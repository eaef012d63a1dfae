-- A notification carries the trace context of the event that caused it (W3C traceparent), so that the email sent later
-- is part of that event's trace. It is the inbox transaction's setting impala.traceparent (commons Inbox), taken as the
-- column's default, so that the consumers' set-based inserts need not name it; null outside an inbox transaction.
alter table notification add column traceparent text default nullif(current_setting('impala.traceparent', true), '');
