-- The dead letters are counted for /q/metrics every few seconds (DeliveryMetrics): this keeps the count off the
-- sent notifications, as notification_due does for the pending and failed ones.
create index notification_dead on notification (channel) where status = 'DEAD';
