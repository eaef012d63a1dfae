package eu.impala.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key webhook secrets are sealed with on this machine: the local platform's and the notifications tests'. It is
 * derived from a fixed phrase, so a kept local database opens after a restart, and it is nobody's secret: a cluster
 * gets its own key from a Kubernetes Secret (the chart), and no deployment starts without one.
 */
public final class WebhookKeys {

    private WebhookKeys() {
    }

    /** {@code impala.notifications.webhooks.secret-keys} for local runs and tests. */
    public static String local() {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(
                    "IMPALA local platform and tests: webhook secrets, never a cluster's".getBytes(StandardCharsets.UTF_8));
            return "local:" + Base64.getEncoder().encodeToString(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
