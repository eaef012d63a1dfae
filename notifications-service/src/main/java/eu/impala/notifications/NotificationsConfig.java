package eu.impala.notifications;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the notifications service ({@code impala.notifications.*}). */
@ConfigMapping(prefix = "impala.notifications")
public interface NotificationsConfig {

    /** Where links in messages point: the public site's base URL. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    Delivery delivery();

    Webhooks webhooks();

    Unsubscribe unsubscribe();

    Announcements announcements();

    /** Announcements sent at a time: how often the worker looks for due ones. */
    interface Announcements {

        /** How often due announcements are looked for ("send now" also starts one at once). */
        @WithDefault("5s")
        Duration poll();
    }

    /**
     * One-click unsubscribe links (RFC 8058) in campaign news and other non-transactional emails: signed, expiring
     * tokens naming a contact and a topic, so that the link needs no login and works for that contact only.
     */
    interface Unsubscribe {

        /**
         * The HMAC-SHA256 key the links are signed with: base64 of at least 32 random bytes ({@code openssl rand
         * -base64 32}). No default outside dev and test: without it the service does not start (the chart keeps one
         * in a Secret). Changing it invalidates every link already sent, unless the old key moves to
         * {@code previous-keys}.
         */
        java.util.Optional<String> key();

        /** Keys of earlier links, still accepted (never used to sign) until the links they signed have expired. */
        java.util.Optional<java.util.List<String>> previousKeys();

        /** How long a link works after the email was sent. */
        @WithDefault("60d")
        Duration ttl();

        /**
         * The mailbox of the {@code mailto:} alternative in the List-Unsubscribe header, for mail clients that do not
         * POST; the subject carries the token. Empty: the header names the https link only.
         */
        java.util.Optional<String> mailto();
    }

    /** Webhook subscriptions and their deliveries. */
    interface Webhooks {

        /** Plain http endpoints are refused unless this is on (local runs and tests against a local receiver). */
        @WithDefault("false")
        boolean allowHttp();

        /**
         * Loopback destinations (127.0.0.0/8, ::1) are refused unless this is on: for the tests' and the local
         * platform's own receivers only. Every other internal range stays refused either way.
         */
        @WithDefault("false")
        boolean allowLoopback();

        /**
         * Host names webhooks never go to, besides the built-in internal ones: a name, or a suffix starting with a dot
         * ({@code .svc.cluster.local}). The chart fills in the cluster's service names.
         */
        java.util.Optional<java.util.List<String>> denyHosts();

        /** Address ranges (CIDR) webhooks never go to, besides the built-in internal ones: the cluster's service and pod ranges. */
        java.util.Optional<java.util.List<String>> denyNetworks();

        /** How long a receiver has to accept the connection, and the longest silence while it answers. */
        @WithDefault("10s")
        Duration timeout();

        /** The longest one delivery may take from connecting to the end of the receiver's answer. */
        @WithDefault("20s")
        Duration deadline();

        /** The most of a receiver's answer that is read (and then dropped); the rest is cut off. */
        @WithDefault("65536")
        int maxResponseBytes();

        /**
         * The keys webhook secrets are encrypted with (AES-256-GCM), as {@code id:base64-key} pairs separated by
         * commas; the first seals new secrets, the others only open older ones until the service has sealed them
         * again with the first (it does so at start). A key is 32 random bytes: {@code openssl rand -base64 32}.
         */
        java.util.Optional<String> secretKeys();

        /** How long the previous secret still signs after a rotation, unless the rotation names its own period. */
        @WithDefault("24h")
        Duration rotationGrace();

        /** Active subscriptions one association may have. */
        @WithDefault("10")
        int maxSubscriptions();

        /** Webhook deliveries claimed per round (emails are claimed apart, so a slow receiver never holds them up). */
        @WithDefault("200")
        int batch();

        /**
         * Of those, at most this many for one subscription, so one association's backlog does not hold up the others;
         * also the most connections open to one receiver.
         */
        @WithDefault("10")
        int perSubscription();

        /** Webhook POSTs in flight at once. */
        @WithDefault("32")
        int concurrency();
    }

    /** How emails are sent and retried. */
    interface Delivery {

        /** How often the worker looks for due emails (it is also woken when new ones are written). */
        @WithDefault("1s")
        Duration poll();

        /** Emails claimed per round. */
        @WithDefault("500")
        int batch();

        /**
         * Emails in flight at once towards the SMTP server. An SMTP dialogue is a chain of round trips, so sending
         * is bound by latency, not CPU: many connections at once is what makes it fast (match
         * quarkus.mailer.max-pool-size).
         */
        @WithDefault("64")
        int concurrency();

        /** The first retry waits this long, each next one twice as long (with ±25% jitter). */
        @WithDefault("30s")
        Duration backoff();

        /** After this many failed attempts an email is DEAD: in the dead letters, retried only by hand. */
        @WithDefault("8")
        int maxAttempts();

        /** A claimed email not reported back within this time (a crashed worker) is tried again. */
        @WithDefault("2m")
        Duration lease();

        /**
         * How long an email to a member's primary contact waits for that contact to be known before it is tried (and
         * fails as "no address yet"): membership's contact events come on another topic, a moment after the member's.
         */
        @WithDefault("2m")
        Duration awaitContact();
    }
}
