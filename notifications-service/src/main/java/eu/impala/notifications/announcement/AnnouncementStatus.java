package eu.impala.notifications.announcement;

/**
 * Where an announcement is: written ({@code DRAFT}), waiting for its time ({@code SCHEDULED}), being fanned out
 * ({@code SENDING}), every notification of it written ({@code SENT}; the emails then go through the delivery pipeline),
 * or stopped before it started ({@code CANCELLED}).
 */
public enum AnnouncementStatus {
    DRAFT,
    SCHEDULED,
    SENDING,
    SENT,
    CANCELLED
}
