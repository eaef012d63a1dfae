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

    /** Webhook subscriptions and their deliveries. */
    interface Webhooks {

        /** Plain http endpoints are refused unless this is on (local runs and tests against a local receiver). */
        @WithDefault("false")
        boolean allowHttp();

        /** How long a receiver has to answer one POST. */
        @WithDefault("10s")
        Duration timeout();
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
