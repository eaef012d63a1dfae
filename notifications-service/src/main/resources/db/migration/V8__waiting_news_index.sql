-- The emails still waiting for one contact (a digest's, a retry's): found by recipient when the contact unsubscribes
-- or withdraws a consent, so that nothing it said no to is sent afterwards. Only waiting rows are in it.
create index notification_waiting on notification (recipient) where channel = 'EMAIL' and status in ('PENDING', 'FAILED');
